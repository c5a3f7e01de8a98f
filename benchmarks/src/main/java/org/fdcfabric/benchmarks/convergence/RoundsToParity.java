package org.fdcfabric.benchmarks.convergence;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.coordinator.RoundReport;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.experiment.CsvImporter;
import org.fdcfabric.experiment.CsvSchema;
import org.fdcfabric.experiment.ExperimentReport;
import org.fdcfabric.experiment.ExperimentRunner;
import org.fdcfabric.experiment.ExperimentSettings;
import org.fdcfabric.experiment.Partitioning;
import org.fdcfabric.experiment.Strategy;
import org.fdcfabric.experiment.WearableExperimentData;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleKind;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerKind;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Rounds-to-parity: how many federated rounds each server optimizer (FedAvg, FedAdam, FedYogi) needs to come within
 * 0.5 accuracy points (classification) or 2% of the MSE (regression) of centralized training, measured in the same
 * run: the centralized model trains the round budget's epochs (rounds x local epochs) on the pooled training rows,
 * from the same initial model, and both are scored on the pooled test splits. Every federated run is the real
 * coordinator with in-process centers ({@link ExperimentRunner}); the per-round score is the coordinator's federated
 * evaluation.
 *
 * <p>Datasets: {@code case-study} (the demo's wearable case study: 5 schools, 6 children each, one held out, MLP
 * 180-64-4, learning rate 0.01, batch 32) and the public tabular datasets {@code scripts/datasets.sh} extracts into
 * {@code .fdc/datasets}: {@code breast-cancer}, {@code wine} (classification) and {@code diabetes} (regression),
 * each dealt at random to 5 centers with 20% test rows each, MLP with 32 and 16 hidden units. Every job
 * standardizes its features with the federated preprocessing (statistics summed across centers), for the
 * centralized and the federated runs alike; targets are not standardized.
 *
 * <p>Arguments (all optional): {@code datasets=case-study,breast-cancer,wine,diabetes rounds=20 adam-lr=0.1
 * yogi-lr=0.1 optimizers=fedavg,fedadam,fedyogi seed=2019 local-epochs=1
 * schedule=constant|cosine} (the clients' learning rate per round; the centralized model trains rounds x local epochs
 * at the constant rate). Run: {@code scripts/datasets.sh && scripts/bench.sh parity}.
 */
public final class RoundsToParity {
    private static final double ACCURACY_POINTS = 0.5;
    private static final double MSE_SHARE = 0.02;

    private record Run(String optimizer, ServerOptimizerTerms terms) {}

    private record Outcome(String optimizer, List<Double> perRound, int roundsToParity, Duration wall) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("datasets", "case-study,breast-cancer,wine,diabetes");
        options.put("rounds", "20");
        options.put("adam-lr", "0.1");
        options.put("yogi-lr", "0.1");
        options.put("optimizers", "fedavg,fedadam,fedyogi");
        options.put("seed", "2019");
        options.put("local-epochs", "1");
        options.put("schedule", "constant");
        options.put("data", ".fdc/datasets");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("arguments are key=value with keys " + options.keySet());
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        int rounds = Integer.parseInt(options.get("rounds"));
        long seed = Long.parseLong(options.get("seed"));
        List<String> chosen = List.of(options.get("optimizers").split(","));
        int localEpochs = Integer.parseInt(options.get("local-epochs"));
        ScheduleTerms schedule =
                switch (options.get("schedule")) {
                    case "constant" -> ScheduleTerms.CONSTANT;
                    case "cosine" -> new ScheduleTerms(ScheduleKind.COSINE, 0, 0, 0);
                    default -> throw new IllegalArgumentException("schedule must be constant or cosine");
                };
        List<Run> all = List.of(
                new Run("fedavg", ServerOptimizerTerms.NONE),
                new Run(
                        "fedadam",
                        ServerOptimizerTerms.of(
                                ServerOptimizerKind.FEDADAM, Double.parseDouble(options.get("adam-lr")))),
                new Run(
                        "fedyogi",
                        ServerOptimizerTerms.of(
                                ServerOptimizerKind.FEDYOGI, Double.parseDouble(options.get("yogi-lr")))));
        List<Run> runs =
                all.stream().filter(r -> chosen.contains(r.optimizer())).toList();
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "| dataset | task | centralized (%d epochs) | optimizer | federated round 10 | federated round %d"
                        + " | gap at round %d | rounds to parity (target <= %d) | wall time |%n",
                rounds * localEpochs,
                rounds,
                rounds,
                rounds));
        table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (String name : options.get("datasets").split(",")) {
            Bench bench = bench(name.strip(), Path.of(options.get("data")), seed, localEpochs);
            System.out.printf(Locale.ROOT, "%n== %s: %s%n", bench.name(), bench.description());
            UclSchema schema = bench.centers().get(0).train().schema();
            boolean classification = schema.task() == Task.CLASSIFICATION;
            String metric = classification ? "accuracy" : "mse";
            TrainingPlan base = bench.plan();
            ExperimentReport central = new ExperimentRunner(
                            Files.createTempDirectory("fdc-parity"), new SimpleMeterRegistry(), RoundListener.NONE)
                    .run(bench.centers(), new ExperimentSettings(base, rounds, EnumSet.of(Strategy.CENTRALIZED)));
            double centralized = central.result(Strategy.CENTRALIZED).metrics().get(metric);
            System.out.printf(
                    Locale.ROOT, "centralized %s after %d epochs: %.4f%n", metric, rounds * localEpochs, centralized);
            for (Run run : runs) {
                Outcome outcome = federated(bench, base, run, schedule, rounds, metric, centralized, classification);
                List<Double> p = outcome.perRound();
                double last = p.get(p.size() - 1);
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.4f | %s | %.4f | %.4f | %s | %s | %.0f s |%n",
                        bench.name(),
                        classification ? "accuracy" : "MSE",
                        centralized,
                        outcome.optimizer(),
                        p.get(Math.min(9, p.size() - 1)),
                        last,
                        gap(last, centralized, classification),
                        outcome.roundsToParity() > 0 ? Integer.toString(outcome.roundsToParity()) : "not in " + rounds,
                        outcome.wall().toMillis() / 1000.0));
            }
        }
        System.out.println();
        System.out.println("Rounds to parity: the first round whose federated model is within " + ACCURACY_POINTS
                + " accuracy points (classification) or " + (int) (MSE_SHARE * 100)
                + "% of the MSE (regression) of the centralized model trained in the same run.");
        System.out.print(table);
        System.out.println();
        System.out.println("rerun: scripts/datasets.sh && scripts/bench.sh parity " + String.join(" ", args));
    }

    private static Outcome federated(
            Bench bench,
            TrainingPlan base,
            Run run,
            ScheduleTerms schedule,
            int rounds,
            String metric,
            double centralized,
            boolean classification)
            throws Exception {
        List<Double> perRound = new ArrayList<>();
        RoundListener listener = new RoundListener() {
            @Override
            public void roundCompleted(RoundReport report) {
                perRound.add(report.evaluation().get(metric));
            }
        };
        long start = System.nanoTime();
        TrainingPlan plan = base.withOptimization(run.terms(), schedule);
        new ExperimentRunner(Files.createTempDirectory("fdc-parity"), new SimpleMeterRegistry(), listener)
                .run(bench.centers(), new ExperimentSettings(plan, rounds, EnumSet.of(Strategy.FEDERATED)));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        int parity = 0;
        for (int r = 0; r < perRound.size(); r++) {
            if (atParity(perRound.get(r), centralized, classification)) {
                parity = r + 1;
                break;
            }
        }
        StringBuilder curve = new StringBuilder();
        for (double v : perRound) {
            curve.append(String.format(Locale.ROOT, " %.3f", v));
        }
        System.out.printf(
                Locale.ROOT,
                "%-8s per round:%s; parity %s%n",
                run.optimizer(),
                curve,
                parity > 0 ? "at round " + parity : "not reached");
        return new Outcome(run.optimizer(), perRound, parity, wall);
    }

    static boolean atParity(double federated, double centralized, boolean classification) {
        return classification
                ? (centralized - federated) * 100 <= ACCURACY_POINTS
                : federated <= centralized * (1 + MSE_SHARE);
    }

    private static String gap(double federated, double centralized, boolean classification) {
        return classification
                ? String.format(Locale.ROOT, "%+.2f points", (federated - centralized) * 100)
                : String.format(Locale.ROOT, "%+.1f%%", (federated / centralized - 1) * 100);
    }

    private record Bench(String name, String description, List<CenterDataset> centers, TrainingPlan plan) {}

    private static Bench bench(String name, Path data, long seed, int localEpochs) {
        if (name.equals("case-study")) {
            List<CenterDataset> centers = WearableExperimentData.build(seed, 6, 1, 1);
            int features = centers.get(0).train().schema().features().size();
            return new Bench(
                    name,
                    "the demo's wearable case study (5 schools, 6 children each: 5 training and 1 testing), MLP 180-64-4;"
                            + " standardized by the job's federated preprocessing",
                    centers,
                    plan(ModelArchitecture.mlp(features, List.of(64), 4), localEpochs, 0.01, 32, seed));
        }
        Path file = data.resolve(name + ".csv");
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + " is missing: run scripts/datasets.sh first");
        }
        List<String> header;
        try {
            header = List.of(Files.readAllLines(file).get(0).split(","));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String label = header.get(header.size() - 1);
        Task task = name.equals("diabetes") ? Task.REGRESSION : Task.CLASSIFICATION;
        List<CenterDataset> centers = new CsvImporter()
                .importCsv(
                        file,
                        new CsvSchema(header.subList(0, header.size() - 1), label, task, List.of()),
                        Partitioning.random(5, seed, 0.2));
        UclSchema schema = centers.get(0).train().schema();
        int features = schema.features().size();
        int outputs = task == Task.CLASSIFICATION ? schema.label().classes().size() : 1;
        return new Bench(
                name,
                file + ", " + features + " features, "
                        + (task == Task.CLASSIFICATION ? outputs + " classes" : "regression")
                        + ", 5 centers; features standardized by the job's federated preprocessing",
                centers,
                plan(ModelArchitecture.mlp(features, List.of(32, 16), outputs), localEpochs, 0.01, 16, seed));
    }

    private static TrainingPlan plan(
            ModelArchitecture spec, int localEpochs, double learningRate, int batch, long seed) {
        return new TrainingPlan(spec, localEpochs, learningRate, batch, 0, 1.0, 5, Duration.ofMinutes(30), 0, seed)
                .withPreprocess(Scaling.STANDARDIZE);
    }

    private RoundsToParity() {}
}
