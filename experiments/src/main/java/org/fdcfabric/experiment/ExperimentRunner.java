package org.fdcfabric.experiment;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.Evaluation;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingConfig;
import org.fdcfabric.protocol.ucl.Task;

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

    public ExperimentReport run(List<CenterDataset> centers, ExperimentSettings settings) {
        if (centers.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one center");
        }
        DatasetSchema schema = centers.get(0).train().schema();
        for (CenterDataset center : centers) {
            if (!center.train().schema().equals(schema)) {
                throw new IllegalArgumentException("center " + center.datasetId() + " has another schema");
            }
        }
        TrainingPlan plan = settings.plan();
        if (plan.spec().featureCount() != schema.featureNames().size()
                || plan.spec().outputCount() != schema.outputCount()) {
            throw new IllegalArgumentException("model " + plan.spec().featureCount() + " -> "
                    + plan.spec().outputCount() + " does not fit the data's "
                    + schema.featureNames().size()
                    + " features and " + schema.outputCount() + " outputs");
        }
        LocalDataset pooledTest =
                LocalDataset.concat(centers.stream().map(CenterDataset::test).toList());
        LocalDataset pooledTrain =
                LocalDataset.concat(centers.stream().map(CenterDataset::train).toList());
        ModelWeights initial = new ModelInitializer().initial(plan.spec(), schema.hash(), plan.seed());
        List<StrategyResult> results = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            if (!settings.strategies().contains(strategy)) {
                continue;
            }
            results.add(
                    switch (strategy) {
                        case FEDERATED -> federated(centers, settings, schema, pooledTest);
                        case CENTRALIZED -> centralized(pooledTrain, pooledTest, initial, settings);
                        case LOCAL_ONLY -> localOnly(centers, pooledTest, initial, settings);
                    });
        }
        return new ExperimentReport(schema, centers.size(), pooledTrain.size(), pooledTest.size(), results);
    }

    private StrategyResult federated(
            List<CenterDataset> centers, ExperimentSettings settings, DatasetSchema schema, LocalDataset test) {
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
                    schema.hash(),
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
        return new StrategyResult(
                Strategy.FEDERATED,
                evaluation.metrics(),
                evaluation.confusion(),
                result.totalRounds(),
                Duration.ofNanos(System.nanoTime() - start),
                Map.of());
    }

    private static StrategyResult centralized(
            LocalDataset train, LocalDataset test, ModelWeights initial, ExperimentSettings settings) {
        long start = System.nanoTime();
        ModelWeights model = Trainers.forFamily(initial.spec().family())
                .train(
                        initial,
                        train,
                        config(settings, settings.rounds() * settings.plan().localEpochs()))
                .weights();
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
            List<CenterDataset> centers, LocalDataset test, ModelWeights initial, ExperimentSettings settings) {
        long start = System.nanoTime();
        int k = initial.spec().outputCount();
        boolean classification = initial.spec().task() == Task.CLASSIFICATION;
        long[][] confusion = classification ? new long[k][k] : new long[0][];
        Map<String, Double> sums = new TreeMap<>();
        long trainSamples = 0;
        List<Double> scores = new ArrayList<>();
        String key = classification ? "accuracy" : "mse";
        for (CenterDataset center : centers) {
            ModelWeights model = Trainers.forFamily(initial.spec().family())
                    .train(
                            initial,
                            center.train(),
                            config(settings, settings.rounds() * settings.plan().localEpochs()))
                    .weights();
            Evaluation evaluation = new Evaluator().evaluate(model, test);
            long n = center.train().size();
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
