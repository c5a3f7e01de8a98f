package org.fdcfabric.benchmarks.federation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fdcfabric.compute.coordinator.Coordinator;
import org.fdcfabric.compute.coordinator.CoordinatorIdentity;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.coordinator.RoundReport;
import org.fdcfabric.compute.experiment.ExperimentLedger;
import org.fdcfabric.compute.experiment.InProcessCenters;
import org.fdcfabric.compute.experiment.WearableExperimentData;
import org.fdcfabric.compute.job.TrainingJob;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.Caller;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.training.MlpTrainer;
import org.fdcfabric.datacenter.training.ModelInitializer;
import org.fdcfabric.datacenter.training.ModelSpec;
import org.fdcfabric.datacenter.training.ModelWeights;
import org.fdcfabric.datacenter.training.Trainers;
import org.fdcfabric.datacenter.training.TrainingConfig;

/**
 * The coordinator's own work per round (building requests, opening and checking 10 sealed updates, FedAvg,
 * hashing, storing the round's model, recording the round; not the waiting) against one center's local
 * training time, for 10 centers x FDC's MLP on wearable data (about 2,400 windows per center, one local epoch).
 * Local training time is measured standalone (one center, sequentially, before the federation runs), so the
 * ratio does not flatter the coordinator by the contention of 10 centers sharing this machine's cores. The
 * first round is warm-up. Target: overhead at most 10% of local training time.
 *
 * <p>Arguments (optional): rounds (default 4).
 */
public final class CoordinatorOverhead {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        List<CenterDataset> centers = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            for (CenterDataset school : WearableExperimentData.build(seed, 7, 1, 1)) {
                centers.add(new CenterDataset(school.datasetId() + "-" + seed, school.train(), school.test()));
            }
        }
        ModelSpec spec = ModelSpec.fdcMlp();
        String schemaHash = centers.get(0).train().schema().hash();
        TrainingPlan plan = new TrainingPlan(spec, 1, 0.01, 32, 0, 1.0, 10, Duration.ofMinutes(30), 0, 7);

        ModelWeights initial = new ModelInitializer().initial(spec, schemaHash, 7);
        TrainingConfig config = new TrainingConfig(1, 0.01, 32, 0, 1);
        new MlpTrainer().train(initial, centers.get(0).train(), config); // warm-up
        double localSeconds = 0;
        int measured = 3;
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            new MlpTrainer().train(initial, centers.get(i).train(), config);
            localSeconds += (System.nanoTime() - start) / 1e9;
        }
        localSeconds /= measured;

        ExperimentLedger ledger = new ExperimentLedger(Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (CenterDataset center : centers) {
            ids.add(center.datasetId());
            ledger.registerUcl(new UclAddress(
                    center.datasetId(),
                    "Org" + ids.size() + "MSP",
                    InProcessCenters.address("overhead", center.datasetId()),
                    schemaHash,
                    "0".repeat(64)));
        }
        TrainingJob job = new TrainingJob("overhead", "benchmark", "ComputeMSP", ids, rounds, plan);
        ledger.createJob(job, Instant.now().plus(Duration.ofDays(1)));
        KeyPair keys = InProcessCenters.p256();
        JobResult result;
        try (InProcessCenters inProcess = new InProcessCenters(
                "overhead", centers, ledger, new Caller("ComputeMSP", keys.getPublic()), id -> Trainers::forFamily)) {
            result = new Coordinator(
                            ledger,
                            inProcess,
                            new ModelStore(Files.createTempDirectory("fdc-overhead")),
                            new CoordinatorIdentity("ComputeMSP", keys),
                            new SimpleMeterRegistry(),
                            RoundListener.NONE)
                    .run(job.jobId());
        }

        System.out.printf(
                Locale.ROOT,
                "10 centers x FDC MLP (%,d parameters), %d-%d training windows per center%n",
                spec.parameterCount(),
                centers.stream().mapToInt(c -> c.train().size()).min().orElseThrow(),
                centers.stream().mapToInt(c -> c.train().size()).max().orElseThrow());
        System.out.printf(Locale.ROOT, "local training, one center, one epoch, standalone: %.3f s%n", localSeconds);
        double overheadSum = 0;
        for (RoundReport round : result.rounds()) {
            System.out.printf(
                    Locale.ROOT,
                    "round %d: coordinator %.1f ms, slowest center's training (10 sharing %d cores) %.2f s, round %.2f s, %.1f MB out, %.1f MB in%n",
                    round.record().round(),
                    round.coordinatorTime().toNanos() / 1e6,
                    Runtime.getRuntime().availableProcessors(),
                    round.slowestLocalTraining().toNanos() / 1e9,
                    round.roundTime().toNanos() / 1e9,
                    round.bytesOut() / 1e6,
                    round.bytesIn() / 1e6);
            if (round.record().round() > 1) {
                overheadSum += round.coordinatorTime().toNanos() / 1e9;
            }
        }
        double overhead = overheadSum / Math.max(1, result.rounds().size() - 1);
        double ratio = overhead / localSeconds;
        System.out.printf(
                Locale.ROOT,
                "coordinator overhead per round (rounds 2..%d): %.1f ms = %.2f%% of one center's local training (target <= 10%%: %s)%n",
                rounds,
                overhead * 1e3,
                ratio * 100,
                ratio <= 0.10 ? "met" : "NOT met");
    }

    private CoordinatorOverhead() {}
}
