package org.fdcfabric.experiment;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.compute.coordinator.Coordinator;
import org.fdcfabric.compute.coordinator.CoordinatorIdentity;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.Caller;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.learning.tabular.ColumnStatistics;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.Evaluation;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingConfig;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.secagg.StatisticsCodec;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Runs federated, centralized and local-only training of one model on one split and scores each on the pooled
 * test splits of all centers. The federated run is the real thing inside one JVM: one Federation service per
 * center behind in-process gRPC, the coordinator, sealed updates and an {@link ExperimentLedger} in place of the
 * chain.
 */
public final class ExperimentRunner {
    private static final String COMPUTE_MSP = "ExperimentComputeMSP";
    private static final String PURPOSE = "experiment";

    private final Path modelDirectory;
    private final MeterRegistry meters;
    private final RoundListener listener;

    public ExperimentRunner(Path modelDirectory, MeterRegistry meters, RoundListener listener) {
        this.modelDirectory = modelDirectory;
        this.meters = meters;
        this.listener = listener;
    }

    /** Scores every strategy on the centers' pooled test splits. */
    public ExperimentReport run(List<CenterDataset> centers, ExperimentSettings settings) {
        return run(centers, Optional.empty(), settings);
    }

    /**
     * Scores every strategy on {@code testFile}'s rows when given (a separate test file of the same UCL schema),
     * else on the centers' pooled test splits. Every strategy trains and is scored on the job's preprocessing,
     * fixed from the summed statistics of all centers' training splits as the coordinator fixes it; every model is
     * saved with its provenance under the model directory ({@code experiment/}, {@code centralized/},
     * {@code local-<dataset>/}).
     */
    public ExperimentReport run(
            List<CenterDataset> centers, Optional<TabularRows> testFile, ExperimentSettings settings) {
        if (centers.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one center");
        }
        List<CenterDataset> sorted = centers.stream()
                .sorted(Comparator.comparing(CenterDataset::datasetId))
                .toList();
        UclSchema ucl = sorted.get(0).train().schema();
        for (CenterDataset center : sorted) {
            if (!center.train().schema().equals(ucl)) {
                throw new IllegalArgumentException("center " + center.datasetId() + " has another schema");
            }
        }
        TrainingPlan plan = settings.plan();
        Preprocessing preprocessing =
                preprocessing(sorted, plan.preprocess(), plan.aggregation().secure());
        DatasetSchema schema = preprocessing.inputSchema();
        if (plan.spec().featureCount() != schema.featureNames().size()
                || plan.spec().outputCount() != schema.outputCount()) {
            throw new IllegalArgumentException("model " + plan.spec().featureCount() + " -> "
                    + plan.spec().outputCount() + " does not fit the data's "
                    + schema.featureNames().size()
                    + " inputs and " + schema.outputCount() + " outputs");
        }
        if (testFile.isPresent() && !testFile.get().schema().equals(ucl)) {
            throw new IllegalArgumentException("the test file's schema is not the centers'");
        }
        LocalDataset pooledTest = testFile.isPresent()
                ? preprocessing.apply(testFile.get())
                : LocalDataset.concat(
                        sorted.stream().map(c -> preprocessing.apply(c.test())).toList());
        Map<String, LocalDataset> trainSplits = new TreeMap<>();
        sorted.forEach(c -> trainSplits.put(c.datasetId(), preprocessing.apply(c.train())));
        LocalDataset pooledTrain = LocalDataset.concat(List.copyOf(trainSplits.values()));
        ModelWeights initial = new ModelInitializer().initial(plan.spec(), schema.hash(), plan.seed());
        SavedModels saved =
                new SavedModels(new ModelStore(modelDirectory), plan, preprocessing, List.copyOf(trainSplits.keySet()));
        List<StrategyResult> results = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            if (!settings.strategies().contains(strategy)) {
                continue;
            }
            results.add(
                    switch (strategy) {
                        case FEDERATED -> federated(sorted, settings, ucl, preprocessing, pooledTest);
                        case CENTRALIZED -> centralized(pooledTrain, pooledTest, initial, settings, saved);
                        case LOCAL_ONLY -> localOnly(trainSplits, pooledTest, initial, settings, saved);
                    });
        }
        return new ExperimentReport(schema, centers.size(), pooledTrain.size(), pooledTest.size(), results);
    }

    /**
     * The job's preprocessing from the centers' summed statistics, summed in dataset order as the coordinator sums
     * the centers' answers, so both fix the identical transform. A secure job's coordinator learns the sum of the
     * centers' encoded statistics ({@link StatisticsCodec}; the masks cancel exactly in Z_2^64), so for one the
     * encodings are summed and decoded here the same way.
     */
    static Preprocessing preprocessing(List<CenterDataset> sorted, Scaling scaling, boolean secure) {
        UclSchema schema = sorted.get(0).train().schema();
        if (!Preprocessing.needsStatistics(schema, scaling)) {
            return Preprocessing.asIs(schema);
        }
        ColumnStatistics sum = null;
        long[] encoded = null;
        for (CenterDataset center : sorted) {
            ColumnStatistics statistics = ColumnStatistics.of(center.train());
            sum = sum == null ? statistics : sum.plus(statistics);
            long[] words = statistics.encode(StatisticsCodec.DEFAULT);
            if (encoded == null) {
                encoded = words;
            } else {
                for (int i = 0; i < words.length; i++) {
                    encoded[i] += words[i];
                }
            }
        }
        if (secure) {
            sum = ColumnStatistics.fromSum(schema, StatisticsCodec.DEFAULT.decode(encoded, sorted.size()));
        }
        return Preprocessing.fit(schema, sum, scaling);
    }

    private StrategyResult federated(
            List<CenterDataset> centers,
            ExperimentSettings settings,
            UclSchema schema,
            Preprocessing preprocessing,
            LocalDataset test) {
        long start = System.nanoTime();
        ExperimentLedger ledger = new ExperimentLedger(Clock.systemUTC());
        String namespace = "experiment-" + settings.plan().seed() + "-" + System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (CenterDataset center : centers) {
            ids.add(center.datasetId());
            ledger.registerUcl(new UclAddress(
                    center.datasetId(),
                    "Experiment" + ids.size() + "MSP",
                    InProcessCenters.address(namespace, center.datasetId()),
                    schema,
                    "0".repeat(64)));
        }
        JobAssignment job =
                new JobAssignment("experiment", PURPOSE, COMPUTE_MSP, ids, settings.rounds(), settings.plan());
        ledger.createJob(job, Instant.now().plus(Duration.ofDays(1)));
        KeyPair coordinatorKeys = InProcessCenters.p256();
        JobResult result;
        try (InProcessCenters inProcess = new InProcessCenters(
                namespace,
                centers,
                ledger,
                new Caller(COMPUTE_MSP, coordinatorKeys.getPublic()),
                id -> Trainers::forFamily)) {
            Coordinator coordinator = new Coordinator(
                    ledger,
                    inProcess,
                    new ModelStore(modelDirectory),
                    new CoordinatorIdentity(COMPUTE_MSP, coordinatorKeys),
                    meters,
                    listener);
            result = coordinator.run(job.jobId());
        }
        Evaluation evaluation = new Evaluator().evaluate(result.finalModel(), test);
        String applied;
        try {
            applied = ModelProvenance.read(Files.readString(result.modelFile().resolveSibling("final.provenance.json")))
                    .preprocessingHash();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the federated model's provenance", e);
        }
        if (!preprocessing.hash().equals(applied)) {
            throw new IllegalStateException("the coordinator fixed preprocessing " + applied + ", the baselines "
                    + preprocessing.hash() + ": the strategies would not be comparable");
        }
        return new StrategyResult(
                Strategy.FEDERATED,
                evaluation.metrics(),
                evaluation.confusion(),
                result.totalRounds(),
                Duration.ofNanos(System.nanoTime() - start),
                Map.of());
    }

    private static StrategyResult centralized(
            LocalDataset train,
            LocalDataset test,
            ModelWeights initial,
            ExperimentSettings settings,
            SavedModels saved) {
        long start = System.nanoTime();
        ModelWeights model = Trainers.forFamily(initial.spec().family())
                .train(
                        initial,
                        train,
                        config(settings, settings.rounds() * settings.plan().localEpochs()))
                .weights();
        saved.save(
                "centralized",
                model,
                List.copyOf(saved.datasets()),
                settings.rounds() * settings.plan().localEpochs());
        Evaluation evaluation = new Evaluator().evaluate(model, test);
        return new StrategyResult(
                Strategy.CENTRALIZED,
                evaluation.metrics(),
                evaluation.confusion(),
                settings.rounds(),
                Duration.ofNanos(System.nanoTime() - start),
                Map.of());
    }

    private static StrategyResult localOnly(
            Map<String, LocalDataset> centers,
            LocalDataset test,
            ModelWeights initial,
            ExperimentSettings settings,
            SavedModels saved) {
        long start = System.nanoTime();
        int k = initial.spec().outputCount();
        boolean classification = initial.spec().task() == Task.CLASSIFICATION;
        long[][] confusion = classification ? new long[k][k] : new long[0][];
        Map<String, Double> sums = new TreeMap<>();
        long trainSamples = 0;
        List<Double> scores = new ArrayList<>();
        String key = classification ? "accuracy" : "mse";
        for (Map.Entry<String, LocalDataset> center : centers.entrySet()) {
            ModelWeights model = Trainers.forFamily(initial.spec().family())
                    .train(
                            initial,
                            center.getValue(),
                            config(settings, settings.rounds() * settings.plan().localEpochs()))
                    .weights();
            saved.save(
                    "local-" + center.getKey(),
                    model,
                    List.of(center.getKey()),
                    settings.rounds() * settings.plan().localEpochs());
            Evaluation evaluation = new Evaluator().evaluate(model, test);
            long n = center.getValue().size();
            trainSamples += n;
            evaluation.metrics().forEach((name, value) -> sums.merge(name, value * n, Double::sum));
            long[][] c = evaluation.confusion();
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < c[i].length; j++) {
                    confusion[i][j] += c[i][j];
                }
            }
            scores.add(evaluation.metric(key));
        }
        double low = scores.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        // higher accuracy is better, lower MSE is better
        double worst = classification ? low : high;
        double best = classification ? high : low;
        Map<String, Double> metrics = new TreeMap<>();
        long total = trainSamples;
        sums.forEach((name, sum) -> metrics.put(name, sum / total));
        return new StrategyResult(
                Strategy.LOCAL_ONLY,
                metrics,
                confusion,
                settings.rounds(),
                Duration.ofNanos(System.nanoTime() - start),
                Map.of("worst", worst, "best", best));
    }

    private static TrainingConfig config(ExperimentSettings settings, int epochs) {
        TrainingPlan plan = settings.plan();
        return new TrainingConfig(epochs, plan.learningRate(), plan.batchSize(), 0, plan.seed());
    }
}
