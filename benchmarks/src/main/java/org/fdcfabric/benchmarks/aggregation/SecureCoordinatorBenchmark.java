package org.fdcfabric.benchmarks.aggregation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.fdcfabric.compute.job.AggregationPlan;
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
 * Per-round wall time of the real coordinator with {@code secure: true} against plain FedAvg, in the same run, for
 * 10 centers x FDC's MLP (317,060 parameters) on the simulated wearable data, each round including the centers' local
 * training (one epoch) and the federated evaluation. The centers are real Federation services behind in-process gRPC
 * servers; the coordinator drives them exactly as over the network (four secure-aggregation calls per round, or one
 * Train call).
 *
 * <p>Accounting: here the 10 centers share this machine's cores, so their training (and masking) is serialised about
 * 10/cores-fold, for both variants alike. The headline ratio is the measured wall time. A second ratio estimates a
 * deployment where each center has its own machine: coordinator's own work + one center's standalone training time
 * (measured before the federation) + for secure rounds the slowest center's reported masking time (measured under
 * the same contention, so it overstates the secure cost).
 *
 * <p>Arguments (optional): {@code [rounds] [windowsPerCenter]}: rounds per job (default 4; the first is warm-up) and
 * the training windows each center keeps (default 1000).
 */
public final class SecureCoordinatorBenchmark {
    private static final String COMPUTE = "ComputeMSP";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        printLoad("start");
        List<CenterDataset> centers = centers(windows);
        ModelSpec spec = ModelSpec.fdcMlp();
        String schemaHash = centers.get(0).train().schema().hash();
        double standalone = standaloneTraining(spec, schemaHash, centers);

        ExperimentLedger ledger = new ExperimentLedger(Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (CenterDataset center : centers) {
            ids.add(center.datasetId());
            ledger.registerUcl(new UclAddress(
                    center.datasetId(),
                    "Org" + ids.size() + "MSP",
                    InProcessCenters.address("secure-bench", center.datasetId()),
                    schemaHash,
                    "0".repeat(64)));
        }
        TrainingPlan plain = new TrainingPlan(spec, 1, 0.01, 32, 0, 1.0, 10, Duration.ofMinutes(30), 0, 7);
        TrainingPlan secure = plain.withAggregation(AggregationPlan.of(true, "fedavg", 0));
        KeyPair keys = InProcessCenters.p256();
        JobResult plainResult;
        JobResult secureResult;
        try (InProcessCenters inProcess = new InProcessCenters(
                "secure-bench", centers, ledger, new Caller(COMPUTE, keys.getPublic()), id -> Trainers::forFamily)) {
            Coordinator coordinator = new Coordinator(
                    ledger,
                    inProcess,
                    new ModelStore(Files.createTempDirectory("fdc-secure-bench")),
                    new CoordinatorIdentity(COMPUTE, keys),
                    new SimpleMeterRegistry(),
                    RoundListener.NONE);
            plainResult = run(coordinator, ledger, "plain", ids, rounds, plain);
            secureResult = run(coordinator, ledger, "secure", ids, rounds, secure);
        }

        System.out.printf(
                Locale.ROOT,
                "%d centers x FDC MLP (%,d parameters), %d-%d training windows per center, %d cores%n",
                centers.size(),
                spec.parameterCount(),
                centers.stream().mapToInt(c -> c.train().size()).min().orElseThrow(),
                centers.stream().mapToInt(c -> c.train().size()).max().orElseThrow(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "local training, one center, one epoch, standalone: %.3f s%n", standalone);
        print("plain ", plainResult);
        print("secure", secureResult);
        double plainWall = median(plainResult, r -> r.roundTime().toNanos() / 1e9);
        double secureWall = median(secureResult, r -> r.roundTime().toNanos() / 1e9);
        double plainCoord = median(plainResult, r -> r.coordinatorTime().toNanos() / 1e9);
        double secureCoord = median(secureResult, r -> r.coordinatorTime().toNanos() / 1e9);
        double masking = median(secureResult, r -> r.slowestMasking().toNanos() / 1e9);
        double plainDeployed = plainCoord + standalone;
        double secureDeployed = secureCoord + standalone + masking;
        System.out.printf(
                Locale.ROOT,
                "median over rounds 2..%d: round wall time plain %.2f s, secure %.2f s: %.2fx (target <= 3x: %s)%n",
                rounds,
                plainWall,
                secureWall,
                secureWall / plainWall,
                secureWall / plainWall <= 3 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT,
                "coordinator's own work per round: plain %.1f ms, secure %.1f ms (%.1fx); slowest center's masking %.1f ms%n",
                plainCoord * 1e3,
                secureCoord * 1e3,
                secureCoord / plainCoord,
                masking * 1e3);
        System.out.printf(
                Locale.ROOT,
                "one machine per center (estimate): plain %.2f s, secure %.2f s: %.2fx%n",
                plainDeployed,
                secureDeployed,
                secureDeployed / plainDeployed);
        System.out.printf(
                Locale.ROOT,
                "largest |secure - plain| over the final models' parameters: %.3g%n",
                maxDifference(plainResult.finalModel(), secureResult.finalModel()));
        printLoad("end");
    }

    private static JobResult run(
            Coordinator coordinator,
            ExperimentLedger ledger,
            String jobId,
            List<String> ids,
            int rounds,
            TrainingPlan plan) {
        ledger.createJob(
                new TrainingJob(jobId, "benchmark", COMPUTE, ids, rounds, plan), Instant.now().plus(Duration.ofDays(1)));
        System.gc();
        return coordinator.run(jobId);
    }

    /** 10 schools (two seeds of FDC's five), each keeping at most {@code windows} training windows. */
    private static List<CenterDataset> centers(int windows) {
        List<CenterDataset> centers = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            for (CenterDataset school : WearableExperimentData.build(seed, 7, 1, 1)) {
                int keep = Math.min(windows, school.train().size());
                int[] first = java.util.stream.IntStream.range(0, keep).toArray();
                centers.add(new CenterDataset(
                        school.datasetId() + "-" + seed, school.train().subset(first), school.test()));
            }
        }
        return centers;
    }

    private static double standaloneTraining(ModelSpec spec, String schemaHash, List<CenterDataset> centers) {
        ModelWeights initial = new ModelInitializer().initial(spec, schemaHash, 7);
        TrainingConfig config = new TrainingConfig(1, 0.01, 32, 0, 1);
        new MlpTrainer().train(initial, centers.get(0).train(), config); // warm-up
        double seconds = 0;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            new MlpTrainer().train(initial, centers.get(i).train(), config);
            seconds += (System.nanoTime() - start) / 1e9;
        }
        return seconds / 3;
    }

    private static void print(String label, JobResult result) {
        for (RoundReport round : result.rounds()) {
            System.out.printf(
                    Locale.ROOT,
                    "%s round %d: wall %.2f s, coordinator %.1f ms, slowest training %.2f s, slowest masking %.1f ms,"
                            + " %.1f MB out, %.1f MB in%n",
                    label,
                    round.record().round(),
                    round.roundTime().toNanos() / 1e9,
                    round.coordinatorTime().toNanos() / 1e6,
                    round.slowestLocalTraining().toNanos() / 1e9,
                    round.slowestMasking().toNanos() / 1e6,
                    round.bytesOut() / 1e6,
                    round.bytesIn() / 1e6);
        }
    }

    /** Median over the rounds after the first (warm-up). */
    private static double median(JobResult result, java.util.function.ToDoubleFunction<RoundReport> metric) {
        double[] values = result.rounds().stream().skip(1).mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            values = result.rounds().stream().mapToDouble(metric).toArray();
        }
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static double maxDifference(ModelWeights a, ModelWeights b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.valueAt(i) - b.valueAt(i)));
        }
        return max;
    }

    private static void printLoad(String when) throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        String load = Files.exists(loadavg)
                ? String.join(" ", Arrays.copyOf(Files.readString(loadavg).trim().split(" "), 3))
                : "unavailable";
        System.out.printf(Locale.ROOT, "load average at %s: %s%n", when, load);
    }

    private SecureCoordinatorBenchmark() {}
}
