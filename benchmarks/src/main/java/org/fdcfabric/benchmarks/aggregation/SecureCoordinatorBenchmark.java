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
import org.fdcfabric.compute.job.AggregationPlan;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.Caller;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.experiment.ExperimentLedger;
import org.fdcfabric.experiment.InProcessCenters;
import org.fdcfabric.experiment.WearableExperimentData;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.MlpTrainer;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingConfig;

/**
 * Per-round wall time of the real coordinator with {@code secure: true} against plain FedAvg, in the same run, for
 * 10 centers x FDC's MLP (317,060 parameters) on the simulated wearable data, each round including the centers' local
 * training (one epoch) and the federated evaluation. The centers are real Federation services behind in-process gRPC
 * servers; the coordinator drives them exactly as over the network (four secure-aggregation calls per round, or one
 * Train call).
 *
 * <p>Accounting: here the 10 centers share this machine's cores, so their training (and masking) is serialised about
 * 10/cores-fold, for both variants alike. The headline ratio is the measured wall time. A second ratio estimates a
 * deployment where each center has its own machine: the coordinator's critical path + one center's standalone training time
 * (measured before the federation) + for secure rounds the slowest center's reported masking time (measured under
 * the same contention, so it overstates the secure cost).
 *
 * <p>The machine is shared and its load drifts, so plain and secure alternate: {@code pairs} times a one-round plain
 * job then a one-round secure job, each from the same initial model; the first pair is warm-up (JIT, ECDH). Reported
 * are medians over the other pairs and the median of the per-pair ratios.
 *
 * <p>Arguments (optional): {@code [pairs] [windowsPerCenter]}: default 4 and 1000.
 */
public final class SecureCoordinatorBenchmark {
    private static final String COMPUTE = "ComputeMSP";

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        if (pairs < 2) {
            throw new IllegalArgumentException("at least 2 pairs: the first is warm-up");
        }
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        printLoad("start");
        List<CenterDataset> centers = centers(windows);
        ModelArchitecture spec = ModelArchitecture.fdcMlp();
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
                    center.train().schema(),
                    "0".repeat(64)));
        }
        TrainingPlan plain = new TrainingPlan(spec, 1, 0.01, 32, 0, 1.0, 10, Duration.ofMinutes(30), 0, 7);
        TrainingPlan secure = plain.withAggregation(AggregationPlan.of(true, "fedavg", 0));
        KeyPair keys = InProcessCenters.p256();
        List<RoundReport> plainRounds = new ArrayList<>();
        List<RoundReport> secureRounds = new ArrayList<>();
        double maxDifference = 0;
        try (InProcessCenters inProcess = new InProcessCenters(
                "secure-bench", centers, ledger, new Caller(COMPUTE, keys.getPublic()), id -> Trainers::forFamily)) {
            Coordinator coordinator = new Coordinator(
                    ledger,
                    inProcess,
                    new ModelStore(Files.createTempDirectory("fdc-secure-bench")),
                    new CoordinatorIdentity(COMPUTE, keys),
                    new SimpleMeterRegistry(),
                    RoundListener.NONE);
            for (int pair = 1; pair <= pairs; pair++) {
                JobResult p = run(coordinator, ledger, "plain-" + pair, ids, plain);
                JobResult q = run(coordinator, ledger, "secure-" + pair, ids, secure);
                plainRounds.add(p.rounds().get(0));
                secureRounds.add(q.rounds().get(0));
                maxDifference = Math.max(maxDifference, maxDifference(p.finalModel(), q.finalModel()));
                print(pair, "plain ", p.rounds().get(0));
                print(pair, "secure", q.rounds().get(0));
            }
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
        double plainWall = median(plainRounds, r -> seconds(r.roundTime()));
        double secureWall = median(secureRounds, r -> seconds(r.roundTime()));
        List<Double> ratios = new ArrayList<>();
        for (int i = 1; i < plainRounds.size(); i++) {
            ratios.add(seconds(secureRounds.get(i).roundTime())
                    / seconds(plainRounds.get(i).roundTime()));
        }
        double pairRatio = median(ratios);
        double plainCoord = median(plainRounds, r -> seconds(r.criticalPath()));
        double secureCoord = median(secureRounds, r -> seconds(r.criticalPath()));
        double plainCpu = median(plainRounds, r -> seconds(r.coordinatorCpu()));
        double secureCpu = median(secureRounds, r -> seconds(r.coordinatorCpu()));
        double masking = median(secureRounds, r -> seconds(r.slowestMasking()));
        double plainDeployed = plainCoord + standalone;
        double secureDeployed = secureCoord + standalone + masking;
        System.out.printf(
                Locale.ROOT,
                "median over pairs 2..%d: round wall time plain %.2f s, secure %.2f s; median per-pair ratio %.2fx"
                        + " (target <= 3x: %s)%n",
                pairs,
                plainWall,
                secureWall,
                pairRatio,
                pairRatio <= 3 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT,
                "coordinator's critical path per round: plain %.1f ms, secure %.1f ms (%.2fx); its CPU: plain %.1f ms,"
                        + " secure %.1f ms (%.2fx); slowest center's masking %.1f ms%n",
                plainCoord * 1e3,
                secureCoord * 1e3,
                secureCoord / plainCoord,
                plainCpu * 1e3,
                secureCpu * 1e3,
                secureCpu / plainCpu,
                masking * 1e3);
        System.out.printf(
                Locale.ROOT,
                "one machine per center (estimate): plain %.2f s, secure %.2f s: %.2fx%n",
                plainDeployed,
                secureDeployed,
                secureDeployed / plainDeployed);
        System.out.printf(
                Locale.ROOT, "largest |secure - plain| over the models' parameters, all pairs: %.3g%n", maxDifference);
        printLoad("end");
    }

    /** A one-round job. */
    private static JobResult run(
            Coordinator coordinator, ExperimentLedger ledger, String jobId, List<String> ids, TrainingPlan plan) {
        ledger.createJob(
                new JobAssignment(jobId, "benchmark", COMPUTE, ids, 1, plan),
                Instant.now().plus(Duration.ofDays(1)));
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
                        school.datasetId() + "-" + seed,
                        modelRows(school.train()).subset(first),
                        modelRows(school.test())));
            }
        }
        return centers;
    }

    private static double standaloneTraining(ModelArchitecture spec, String schemaHash, List<CenterDataset> centers) {
        ModelWeights initial = new ModelInitializer().initial(spec, schemaHash, 7);
        TrainingConfig config = new TrainingConfig(1, 0.01, 32, 0, 1);
        new MlpTrainer().train(initial, modelRows(centers.get(0).train()), config); // warm-up
        double seconds = 0;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            new MlpTrainer().train(initial, modelRows(centers.get(i).train()), config);
            seconds += (System.nanoTime() - start) / 1e9;
        }
        return seconds / 3;
    }

    private static void print(int pair, String label, RoundReport round) {
        System.out.printf(
                Locale.ROOT,
                "pair %d %s: wall %.2f s, coordinator critical path %.1f ms (CPU %.1f ms), slowest training %.2f s,"
                        + " slowest masking %.1f ms, %.1f MB out, %.1f MB in%n",
                pair,
                label,
                seconds(round.roundTime()),
                round.criticalPath().toNanos() / 1e6,
                round.coordinatorCpu().toNanos() / 1e6,
                seconds(round.slowestLocalTraining()),
                round.slowestMasking().toNanos() / 1e6,
                round.bytesOut() / 1e6,
                round.bytesIn() / 1e6);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Median over the pairs after the first (warm-up). */
    private static double median(List<RoundReport> rounds, java.util.function.ToDoubleFunction<RoundReport> metric) {
        return median(rounds.stream().skip(1).map(metric::applyAsDouble).toList());
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
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
                ? String.join(
                        " ", Arrays.copyOf(Files.readString(loadavg).trim().split(" "), 3))
                : "unavailable";
        System.out.printf(Locale.ROOT, "load average at %s: %s%n", when, load);
    }

    private SecureCoordinatorBenchmark() {}

    /** Windows as the model sees them: the plan trains on the columns as they are. */
    private static LocalDataset modelRows(TabularRows rows) {
        return Preprocessing.asIs(rows.schema()).apply(rows);
    }
}
