package org.fdcfabric.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.job.AggregationPlan;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table with a raw-scale numeric column, missing values and a categorical column, federated through the real
 * coordinator and centers: the preprocessing is fixed from the centers' summed statistics, applied by every center,
 * recorded in every saved model's provenance, and makes the raw columns learnable.
 */
class FederatedPreprocessingTest {
    private static final UclSchema SCHEMA = new UclSchema(
            List.of(
                    FeatureSpec.numeric("income", MissingPolicy.MEAN),
                    FeatureSpec.categorical("region", List.of("north", "south", "east"), MissingPolicy.MOST_FREQUENT)),
            new LabelSpec("approved", List.of("no", "yes")),
            Task.CLASSIFICATION);

    @TempDir
    Path dir;

    /** Income around 50 000 (no scaling would make SGD diverge); approved when income is high or in the south. */
    private static TabularRows rows(long seed, int n, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        TabularRows.Builder rows = TabularRows.builder(SCHEMA);
        for (int i = 0; i < n; i++) {
            double income = 50_000 + shift + 12_000 * random.nextGaussian();
            int region = random.nextInt(3);
            int label = income > 52_000 || region == 1 ? 1 : 0;
            float incomeCell = random.nextInt(10) == 0 ? Float.NaN : (float) income;
            float regionCell = random.nextInt(10) == 0 ? Float.NaN : region;
            rows.add(new float[] {incomeCell, regionCell}, label);
        }
        return rows.build();
    }

    @Test
    void statisticsAcrossCentersFixOnePreprocessingThatEveryModelCarries() throws Exception {
        List<CenterDataset> centers = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            centers.add(new CenterDataset("bank-" + c, rows(c, 300 + 100 * c, 4_000 * c), rows(100 + c, 100, 0)));
        }
        TrainingPlan plan = new TrainingPlan(
                        ModelArchitecture.logistic(4, 2),
                        1,
                        0.05,
                        8,
                        0,
                        1.0,
                        3,
                        Duration.ofMinutes(5),
                        0,
                        7,
                        AggregationPlan.PLAIN)
                .withPreprocess(Scaling.STANDARDIZE);
        TabularRows testFile = rows(999, 400, 0);
        ExperimentReport report = new ExperimentRunner(dir, new SimpleMeterRegistry(), RoundListener.NONE)
                .run(centers, Optional.of(testFile), new ExperimentSettings(plan, 8, EnumSet.allOf(Strategy.class)));

        // the mean the coordinator fixed is the mean over every center's present training incomes
        double sum = 0;
        long count = 0;
        for (CenterDataset center : centers) {
            for (int i = 0; i < center.train().size(); i++) {
                float income = center.train().cell(i, 0);
                if (!Float.isNaN(income)) {
                    sum += income;
                    count++;
                }
            }
        }
        ModelProvenance federated = provenance("experiment");
        assertThat(Double.parseDouble(federated.preprocessing().columns().get(0).center()))
                .isCloseTo(sum / count, within(1e-6 * sum / count));
        assertThat(federated.preprocessing().scaling()).isEqualTo(Scaling.STANDARDIZE);
        assertThat(federated.preprocessingHash())
                .isEqualTo(ExperimentRunner.preprocessing(centers, Scaling.STANDARDIZE, false)
                        .hash());

        // every model is saved, with the same preprocessing, and scores the raw test file through it
        Preprocessing preprocessing = Preprocessing.of(federated.preprocessing());
        for (String name : List.of("experiment", "centralized", "local-bank-0", "local-bank-1", "local-bank-2")) {
            ModelProvenance provenance = provenance(name);
            assertThat(provenance.preprocessingHash()).isEqualTo(federated.preprocessingHash());
            ModelWeights model = ModelCodec.fromProto(
                    Model.parseFrom(Files.readAllBytes(dir.resolve(name).resolve("final.model"))),
                    provenance.schemaHash());
            assertThat(ModelCodec.hash(model)).isEqualTo(provenance.finalModelHash());
            double accuracy = new Evaluator()
                    .evaluate(model, preprocessing.apply(testFile))
                    .metric("accuracy");
            assertThat(accuracy).as(name).isGreaterThan(0.75);
        }
        assertThat(report.testSamples()).isEqualTo(400);
        assertThat(report.result(Strategy.FEDERATED).metrics().get("accuracy")).isGreaterThan(0.8);
    }

    private static final UclSchema PRICES = new UclSchema(
            List.of(FeatureSpec.numeric("area", MissingPolicy.REFUSE)),
            new LabelSpec("price", List.of()),
            Task.REGRESSION);

    /** Price around 300 000 = 2 000 per square metre of an area around 150 m², plus noise of 10 000. */
    private static TabularRows prices(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        TabularRows.Builder rows = TabularRows.builder(PRICES);
        for (int i = 0; i < n; i++) {
            double area = 150 + 40 * random.nextGaussian();
            rows.add(new float[] {(float) area}, 2_000 * area + 10_000 * random.nextGaussian());
        }
        return rows.build();
    }

    @Test
    void aRegressionTargetIsStandardizedByTheJobAndScoredInItsOwnUnits() throws Exception {
        List<CenterDataset> centers = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            centers.add(new CenterDataset("agency-" + c, prices(c, 200), prices(100 + c, 60)));
        }
        TrainingPlan plan = new TrainingPlan(
                        ModelArchitecture.mlp(1, List.of(8), 1),
                        1,
                        0.02,
                        8,
                        0,
                        1.0,
                        3,
                        Duration.ofMinutes(5),
                        0,
                        7,
                        AggregationPlan.PLAIN)
                .withPreprocess(Scaling.STANDARDIZE);
        ExperimentReport report = new ExperimentRunner(dir, new SimpleMeterRegistry(), RoundListener.NONE)
                .run(centers, new ExperimentSettings(plan, 10, EnumSet.of(Strategy.FEDERATED, Strategy.CENTRALIZED)));

        // the coordinator fixed the target's centre from every center's training prices, and recorded it
        double sum = 0;
        int n = 0;
        for (CenterDataset center : centers) {
            for (int i = 0; i < center.train().size(); i++) {
                sum += center.train().label(i);
                n++;
            }
        }
        ModelProvenance federated = provenance("experiment");
        assertThat(federated.preprocessing().target().name()).isEqualTo("price");
        assertThat(Double.parseDouble(federated.preprocessing().target().center()))
                .isCloseTo(sum / n, within(1e-6 * sum / n));
        // metrics in the price's units: the noise's variance is 1e8, the prices' about 6.4e9
        for (Strategy strategy : List.of(Strategy.FEDERATED, Strategy.CENTRALIZED)) {
            assertThat(report.result(strategy).metrics().get("mse"))
                    .as(strategy.name())
                    .isBetween(5e7, 1e9);
            assertThat(report.result(strategy).metrics().get("target_mean"))
                    .as(strategy.name())
                    .isCloseTo(300_000, within(20_000.0));
            assertThat(report.result(strategy).metrics().get("r2"))
                    .as(strategy.name())
                    .isGreaterThan(0.85);
        }
    }

    private ModelProvenance provenance(String name) throws Exception {
        return ModelProvenance.read(Files.readString(dir.resolve(name).resolve("final.provenance.json")));
    }
}
