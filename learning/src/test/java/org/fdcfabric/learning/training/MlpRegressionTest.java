package org.fdcfabric.learning.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fdcfabric.protocol.ucl.Task;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MlpRegressionTest {
    private static final DatasetSchema SCHEMA = GaussianBlobs.REGRESSION;
    private static final String HASH = SCHEMA.hash();

    /** y = 2 x0 - x1 + x2^2 + noise: a linear part and a bend no linear model can follow. */
    static LocalDataset bent(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x0 = random.nextGaussian();
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            rows.add(new float[] {(float) x1, (float) x0, (float) x2});
            targets.add(2 * x0 - x1 + x2 * x2 + 0.05 * random.nextGaussian());
        }
        return LocalDataset.regression(SCHEMA, rows, targets);
    }

    @Nested
    class Architecture {
        @Test
        void anMlpWithOneOutputIsARegressionModel() {
            assertThat(ModelArchitecture.mlp(3, List.of(8), 1).task()).isEqualTo(Task.REGRESSION);
            assertThat(ModelArchitecture.mlp(3, List.of(8), 4).task()).isEqualTo(Task.CLASSIFICATION);
            assertThat(ModelArchitecture.linear(3, 1).task()).isEqualTo(Task.REGRESSION);
            assertThat(ModelArchitecture.logistic(3, 2).task()).isEqualTo(Task.CLASSIFICATION);
        }

        @Test
        void aClassifierFamilyStillNeedsTwoClasses() {
            assertThatThrownBy(() -> ModelArchitecture.logistic(3, 1)).hasMessageContaining("at least 2 classes");
        }

        @Test
        void aClassifierIsRefusedOnRegressionData() {
            ModelWeights classifier = new ModelInitializer().initial(ModelArchitecture.mlp(3, List.of(8), 2), HASH, 1);
            assertThatThrownBy(
                            () -> new MlpTrainer().train(classifier, bent(50, 1), new TrainingConfig(1, 0.1, 8, 0, 1)))
                    .hasMessageContaining("does not fit");
        }
    }

    @Nested
    class Training {
        private final ModelArchitecture spec = ModelArchitecture.mlp(3, List.of(32, 16), 1);

        @Test
        void fitsALinearPlusNonlinearFunctionThatALinearModelCannot() {
            LocalDataset train = bent(2000, 11);
            LocalDataset test = bent(500, 12);
            TrainingConfig config = new TrainingConfig(60, 0.01, 16, 0, 5);
            ModelWeights mlp = new MlpTrainer()
                    .train(new ModelInitializer().initial(spec, HASH, 3), train, config)
                    .weights();
            ModelWeights linear = Trainers.forFamily(ModelFamily.LINEAR)
                    .train(new ModelInitializer().initial(ModelArchitecture.linear(3, 1), HASH, 3), train, config)
                    .weights();

            Evaluation mlpScore = new Evaluator().evaluate(mlp, test);
            Evaluation linearScore = new Evaluator().evaluate(linear, test);
            // Var(y) = 4 + 1 + Var(x2^2) = 7; the linear model cannot explain the x2^2 part (variance 2).
            assertThat(mlpScore.metric("r2")).isGreaterThan(0.97);
            assertThat(linearScore.metric("r2")).isLessThan(0.8);
            assertThat(mlpScore.metric("mse")).isLessThan(linearScore.metric("mse") / 5);
            assertThat(mlpScore.metric("mae")).isLessThan(Math.sqrt(mlpScore.metric("mse")) + 1e-9);
        }

        @Test
        void theReportedLossIsTheEpochsMse() {
            LocalDataset data = bent(64, 2);
            ModelWeights start = new ModelInitializer().initial(spec, HASH, 4);
            // a step too small to move the weights: the epoch's loss is the start's MSE
            TrainingOutcome outcome = new MlpTrainer().train(start, data, new TrainingConfig(1, 1e-9, 64, 0, 1));
            assertThat(outcome.trainingLoss())
                    .isCloseTo(new Evaluator().evaluate(start, data).metric("mse"), within(1e-4));
        }

        @Test
        void gradientMatchesFiniteDifferencesOfHalfTheSquaredError() {
            LocalDataset data = bent(3, 9);
            ModelWeights start = new ModelInitializer().initial(spec, HASH, 5);
            MlpNetwork network = new MlpNetwork(spec);
            float[] w = start.values();
            float[][][] a = network.newBatchActivations(3);
            float[][][] d = network.newBatchActivations(3);
            float[][] rows = {data.row(0), data.row(1), data.row(2)};
            double[] targets = {data.target(0), data.target(1), data.target(2)};
            float[] grad = new float[w.length];
            network.forwardBatch(w, rows, 3, a);
            double squared = network.backwardBatch(w, a, targets, 3, grad, d);
            assertThat(squared).isCloseTo(2 * halfSquared(network, w, rows, targets), within(1e-4));
            for (int index : new int[] {0, 5, 3 * 32 + 7, 3 * 32 + 32 + 40, w.length - 2, w.length - 1}) {
                float saved = w[index];
                w[index] = saved + 1e-3f;
                double up = halfSquared(network, w, rows, targets);
                w[index] = saved - 1e-3f;
                double down = halfSquared(network, w, rows, targets);
                w[index] = saved;
                assertThat((double) grad[index]).as("weight %d", index).isCloseTo((up - down) / 2e-3, within(5e-3));
            }
        }

        private double halfSquared(MlpNetwork network, float[] w, float[][] rows, double[] targets) {
            double total = 0;
            float[][] a = network.newActivations();
            for (int b = 0; b < rows.length; b++) {
                network.forward(w, rows[b], a);
                double error = a[a.length - 1][0] - targets[b];
                total += error * error / 2;
            }
            return total;
        }
    }

    @Nested
    class StandardizedTarget {
        private final ModelArchitecture spec = ModelArchitecture.mlp(3, List.of(32, 16), 1);

        /** The bent function in other units: 500 + 100 y, a target in the hundreds like a price or a score. */
        private LocalDataset large(int n, long seed, TargetScale scale) {
            LocalDataset unit = bent(n, seed);
            List<float[]> rows = new ArrayList<>();
            List<Double> targets = new ArrayList<>();
            for (int i = 0; i < unit.size(); i++) {
                float[] row = unit.row(i); // in column order x0, x1, x2; the schema lists x1, x0, x2
                rows.add(new float[] {row[1], row[0], row[2]});
                targets.add(500 + 100 * unit.target(i));
            }
            return LocalDataset.regression(SCHEMA, rows, targets, scale);
        }

        @Test
        void metricsAreInTheTargetsUnitsWhateverScaleTheModelLearnedOn() {
            TargetScale scale = new TargetScale(500, 100);
            LocalDataset scaled = large(50, 3, scale);
            assertThat(scaled.target(0)).isCloseTo(bent(50, 3).target(0), within(1e-9));
            ModelWeights model = new ModelInitializer().initial(spec, HASH, 7);
            Evaluation inUnits = new Evaluator().evaluate(model, scaled);
            Evaluation standardized = new Evaluator().evaluate(model, bent(50, 3));
            assertThat(inUnits.metric("mse")).isCloseTo(standardized.metric("mse") * 100 * 100, within(1e-3));
            assertThat(inUnits.metric("mae")).isCloseTo(standardized.metric("mae") * 100, within(1e-6));
            assertThat(inUnits.metric("r2")).isCloseTo(standardized.metric("r2"), within(1e-9));
            assertThat(inUnits.metric("target_mean"))
                    .isCloseTo(500 + 100 * standardized.metric("target_mean"), within(1e-6));
        }

        @Test
        void aTargetInTheHundredsTrainsOnlyWhenStandardized() {
            TrainingConfig config = new TrainingConfig(20, 0.01, 16, 0, 5);
            ModelWeights start = new ModelInitializer().initial(spec, HASH, 3);
            // unscaled, the first squared errors are ~250,000 and the step 0.01 x their gradient blows up
            assertThatThrownBy(() -> new MlpTrainer().train(start, large(2000, 11, TargetScale.IDENTITY), config))
                    .hasMessageContaining("is NaN");
            Evaluation scaled = new Evaluator()
                    .evaluate(
                            new MlpTrainer()
                                    .train(start, large(2000, 11, new TargetScale(500, 100)), config)
                                    .weights(),
                            large(500, 12, new TargetScale(500, 100)));
            assertThat(scaled.metric("r2")).isGreaterThan(0.9);
            // in the target's units: 1 - R^2 of a variance of about 7 x 100^2
            assertThat(scaled.metric("mse")).isLessThan(0.1 * 7 * 100 * 100);
        }
    }
}
