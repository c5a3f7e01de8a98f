package org.fdcfabric.benchmarks.datapath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.datacenter.device.SensorModel;
import org.fdcfabric.datacenter.governance.AccelerationReading;
import org.fdcfabric.datacenter.governance.GovernanceInput;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.governance.Pseudonymizer;
import org.fdcfabric.datacenter.governance.ReadingCleaner;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.SimulatedSchool;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.datacenter.store.CenterKeys;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.datacenter.store.StreamSource;
import org.fdcfabric.datacenter.ucl.Publication;
import org.fdcfabric.datacenter.ucl.UclGenerator;
import org.fdcfabric.protocol.ucl.Terms;

/**
 * Governance (cleaning, pseudonyms, labelling, windowing, standardization) and the UCL's canonical records plus
 * Merkle root, over about a million simulated per-second readings (32 children x one FDC school day = 1,017,600).
 * Usage: {@code GovernanceMerkleBenchmark [--subjects N] [--runs R]}; the best of R runs after one warm-up.
 */
public final class GovernanceMerkleBenchmark {
    public static void main(String[] args) throws Exception {
        int subjects = IngestBenchmark.intArg(args, "--subjects", 32);
        int runs = IngestBenchmark.intArg(args, "--runs", 3);
        SimulatedSchool school =
                new WearableSimulator(2020).simulate(new SchoolProfile("school-a", subjects, 1, 1.0, 15, 0.8, 120));
        List<Reading> readings = new ArrayList<>(school.readings().size());
        long sequence = 0;
        for (AccelerationReading r : school.readings()) {
            readings.add(
                    new Reading(++sequence, r.epochSecond() * 1000, r.subjectId(), new double[] {r.x(), r.y(), r.z()}));
        }
        StreamDescriptor stream = new StreamDescriptor("school-a", SensorModel.FDC_WEARABLE, StreamSource.SIMULATOR);
        List<GovernanceInput> inputs = List.of(new GovernanceInput(stream, readings, school.log(), Optional.empty()));
        Path dir = Files.createTempDirectory("fdc-governance-bench");
        CenterKeys keys = CenterKeys.openOrCreate(dir.resolve("keys.p12"), "benchmark-only-password".toCharArray());
        GovernancePipeline pipeline =
                new GovernancePipeline(new ReadingCleaner(), new Pseudonymizer(keys.pseudonymKey()), Windower.fdc());
        UclGenerator generator = new UclGenerator();
        Publication publication = new Publication("bench", "benchmark", "grpcs://bench.example:7443", new Terms(1));
        System.out.printf(
                "governance + Merkle benchmark: %,d readings of %d subjects, %d cores%n",
                readings.size(), subjects, Runtime.getRuntime().availableProcessors());

        double bestGovern = Double.MAX_VALUE;
        double bestMerkle = Double.MAX_VALUE;
        String root = null;
        int records = 0;
        for (int run = 0; run <= runs; run++) {
            long t0 = System.nanoTime();
            GovernedDataset dataset = pipeline.govern("bench-dataset", inputs);
            long t1 = System.nanoTime();
            UclGenerator.Generated generated = generator.generate(dataset, publication);
            long t2 = System.nanoTime();
            if (root != null && !root.equals(generated.draft().merkleRoot())) {
                throw new IllegalStateException("Merkle root changed between runs: governance is not deterministic");
            }
            root = generated.draft().merkleRoot();
            records = dataset.records().size();
            if (run > 0) { // run 0 warms up the JIT
                bestGovern = Math.min(bestGovern, (t1 - t0) / 1e9);
                bestMerkle = Math.min(bestMerkle, (t2 - t1) / 1e9);
            }
        }
        System.out.printf(
                "governance: %.3f s = %,.0f readings/s -> %,d windows of 180 features%n",
                bestGovern, readings.size() / bestGovern, records);
        System.out.printf(
                "canonical records + Merkle root: %.3f s = %,.0f records/s (root %s)%n",
                bestMerkle, records / bestMerkle, root);
        System.out.printf(
                "governance + Merkle: %.3f s for %,d readings = %,.0f readings/s (best of %d runs)%n",
                bestGovern + bestMerkle, readings.size(), readings.size() / (bestGovern + bestMerkle), runs);
    }
}
