package org.fdcfabric.learning.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.FMParameters;
import org.tribuo.math.optimisers.SGD;

class LocalTrainingTest {
    private static final String HASH = GaussianBlobs.SCHEMA.hash();
    private static final TrainingConfig ONE_EPOCH = new TrainingConfig(1, 0.1, 16, 0, 7);

    @Nested
    class Logistic {
        private final ModelArchitecture spec = ModelArchitecture.logistic(6, 4);
        private final LocalDataset data = GaussianBlobs.classification(400, 1, 0.7);

        @Test
        void learnsAndWarmStartContinuesFromTheGlobalWeights() {
            LocalTrainer trainer = Trainers.forFamily(ModelFamily.LOGISTIC);
            ModelWeights zero = new ModelInitializer().initial(spec, HASH, 1);
            ModelWeights round1 = trainer.train(zero, data, ONE_EPOCH).weights();
            assertThat(new Evaluator().evaluate(round1, data).metric("accuracy"))
                    .isGreaterThan(0.8);

            // A tiny step from round1 stays next to round1: training started from the global weights.
            ModelWeights nudged = trainer.train(round1, data, new TrainingConfig(1, 1e-6, 16, 0, 7))
                    .weights();
            assertThat(nudged.distanceTo(round1)).isLessThan(1e-3 * round1.distanceTo(zero));
            assertThat(nudged.distanceTo(round1)).isGreaterThan(0);
        }

        @Test
        void ourForwardPassAgreesWithTribuosModel() {
            ImmutableDataset<Label> dataset = TribuoData.classification(data);
            LinearSGDModel model =
                    new LinearSGDTrainer(new LogMulticlass(), SGD.getSimpleSGD(0.1), 2, 16, 3).train(dataset);
            ModelWeights weights = TribuoLinearTrainer.fromMatrix(spec, HASH, model.getWeightsCopy());
            assertSamePredictions(weights, dataset, model::predict);
        }

        @Test
        void sameSeedSameWeights() {
            LocalTrainer trainer = Trainers.forFamily(ModelFamily.LOGISTIC);
            ModelWeights zero = new ModelInitializer().initial(spec, HASH, 1);
            float[] a = trainer.train(zero, data, ONE_EPOCH).weights().values();
            float[] b = trainer.train(zero, data, ONE_EPOCH).weights().values();
            assertThat(a).containsExactly(b);
        }

        @Test
        void refusesFedProx() {
            ModelWeights zero = new ModelInitializer().initial(spec, HASH, 1);
            assertThatThrownBy(() -> Trainers.forFamily(ModelFamily.LOGISTIC)
                            .train(zero, data, new TrainingConfig(1, 0.1, 16, 0.5, 1)))
                    .hasMessageContaining("FedProx");
        }

        @Test
        void refusesAModelOfAnotherSchema() {
            ModelWeights other = new ModelInitializer().initial(spec, "0".repeat(64), 1);
            assertThatThrownBy(() -> Trainers.forFamily(ModelFamily.LOGISTIC).train(other, data, ONE_EPOCH))
                    .hasMessageContaining("schema");
        }
    }

    @Nested
    class FactorizationMachine {
        @Test
        void warmStartsFromTheSharedFactorsAndMatchesTribuosPrediction() {
            ModelArchitecture spec = ModelArchitecture.fm(6, 4, 3);
            LocalDataset data = GaussianBlobs.classification(400, 2, 0.7);
            ModelWeights start = new ModelInitializer().initial(spec, HASH, 11);
            ModelWeights trained =
                    new TribuoFmTrainer().train(start, data, ONE_EPOCH).weights();
            assertThat(new Evaluator().evaluate(trained, data).metric("accuracy"))
                    .isGreaterThan(0.8);
            ModelWeights nudged = new TribuoFmTrainer()
                    .train(trained, data, new TrainingConfig(1, 1e-6, 16, 0, 7))
                    .weights();
            assertThat(nudged.distanceTo(trained)).isLessThan(1e-3 * trained.distanceTo(start));

            FMParameters[] created = new FMParameters[1];
            var trainer = new FMClassificationTrainer(new LogMulticlass(), SGD.getSimpleSGD(0.1), 2, 1, 5, 3, 0.1) {
                @Override
                protected FMParameters createParameters(int f, int o, SplittableRandom rng) {
                    created[0] = super.createParameters(f, o, rng);
                    return created[0];
                }
            };
            ImmutableDataset<Label> dataset = TribuoData.classification(data);
            var model = trainer.train(dataset);
            ModelWeights weights = TribuoFmTrainer.fromTensors(spec, HASH, created[0].get());
            assertSamePredictions(weights, dataset, model::predict);
        }
    }

    @Nested
    class LinearRegression {
        @Test
        void recoversTheCoefficientsInSchemaOrder() {
            ModelArchitecture spec = ModelArchitecture.linear(3, 1);
            LocalDataset data = GaussianBlobs.regression(2000, 3);
            String hash = GaussianBlobs.REGRESSION.hash();
            ModelWeights zero = new ModelInitializer().initial(spec, hash, 1);
            ModelWeights trained = Trainers.forFamily(ModelFamily.LINEAR)
                    .train(zero, data, new TrainingConfig(5, 0.01, 16, 0, 1))
                    .weights();
            // column order is x0, x1, x2 then the bias
            assertThat(trained.valueAt(0)).isCloseTo(3f, within(0.05f));
            assertThat(trained.valueAt(1)).isCloseTo(-2f, within(0.05f));
            assertThat(trained.valueAt(2)).isCloseTo(0.5f, within(0.05f));
            assertThat(trained.valueAt(3)).isCloseTo(1f, within(0.05f));
            assertThat(new Evaluator().evaluate(trained, data).metric("mse")).isLessThan(0.01);
        }
    }

    @Nested
    class BatchSize {
        private final ModelArchitecture spec = ModelArchitecture.linear(3, 1);
        private final LocalDataset data = GaussianBlobs.regression(200, 3);
        private final String hash = GaussianBlobs.REGRESSION.hash();
        private final ModelWeights zero = new ModelInitializer().initial(spec, hash, 1);

        @Test
        void aWholeEpochBatchStepsByTheMeanGradientOncePerEpoch() {
            // Two epochs with one batch each are two steps of full-batch gradient descent, computed here by hand.
            double rate = 0.1;
            double[] w = new double[4];
            for (int epoch = 0; epoch < 2; epoch++) {
                double[] gradient = new double[4];
                for (int i = 0; i < data.size(); i++) {
                    float[] x = data.row(i);
                    double residual = data.target(i) - (w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3]);
                    for (int j = 0; j < 3; j++) {
                        gradient[j] += residual * x[j];
                    }
                    gradient[3] += residual;
                }
                for (int j = 0; j < 4; j++) {
                    w[j] += rate * gradient[j] / data.size();
                }
            }
            ModelWeights trained = Trainers.forFamily(ModelFamily.LINEAR)
                    .train(zero, data, new TrainingConfig(2, rate, data.size(), 0, 5))
                    .weights();
            for (int j = 0; j < 4; j++) {
                assertThat((double) trained.valueAt(j)).isCloseTo(w[j], within(1e-5));
            }
        }

        @Test
        void batchOneIsTribuosPerExampleSgd() {
            ModelWeights ours = Trainers.forFamily(ModelFamily.LINEAR)
                    .train(zero, data, new TrainingConfig(2, 0.01, 1, 0, 5))
                    .weights();
            assertThat(zero.values()).containsOnly(0f); // Tribuo's own trainer starts from zeros too
            var stock = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
                            new org.tribuo.regression.sgd.objectives.SquaredLoss(),
                            SGD.getSimpleSGD(0.01),
                            2,
                            Integer.MAX_VALUE,
                            1,
                            5)
                    .train(TribuoData.regression(data));
            float[] expected = TribuoLinearTrainer.fromMatrix(spec, hash, stock.getWeightsCopy())
                    .values();
            assertThat(ours.values()).containsExactly(expected, within(1e-6f));
        }

        @Test
        void largeBatchesTakeMeanStepsAndStillConverge() {
            // Summed batch gradients (Tribuo's own minibatch merge) diverge here at batch 16; means converge.
            ModelWeights trained = Trainers.forFamily(ModelFamily.LINEAR)
                    .train(zero, data, new TrainingConfig(200, 0.1, 16, 0, 5))
                    .weights();
            assertThat(new Evaluator().evaluate(trained, data).metric("mse")).isLessThan(0.01);
            ModelWeights perExample = Trainers.forFamily(ModelFamily.LINEAR)
                    .train(zero, data, new TrainingConfig(1, 0.1, 1, 0, 5))
                    .weights();
            ModelWeights batched = Trainers.forFamily(ModelFamily.LINEAR)
                    .train(zero, data, new TrainingConfig(1, 0.1, 16, 0, 5))
                    .weights();
            // In one epoch, 13 mean steps get less far than 200 single-example steps (summed ones would overshoot).
            assertThat(batched.distanceTo(zero)).isLessThan(perExample.distanceTo(zero));
        }

        @Test
        void logisticAndFactorizationMachineHonourTheBatchSizeToo() {
            LocalDataset blobs = GaussianBlobs.classification(400, 2, 0.7);
            for (ModelArchitecture model : List.of(ModelArchitecture.logistic(6, 4), ModelArchitecture.fm(6, 4, 3))) {
                ModelWeights start = new ModelInitializer().initial(model, HASH, 11);
                LocalTrainer trainer = Trainers.forFamily(model.family());
                ModelWeights one = trainer.train(start, blobs, new TrainingConfig(1, 0.1, 1, 0, 7))
                        .weights();
                ModelWeights many = trainer.train(start, blobs, new TrainingConfig(1, 0.1, 32, 0, 7))
                        .weights();
                ModelWeights all = trainer.train(start, blobs, new TrainingConfig(1, 0.1, 400, 0, 7))
                        .weights();
                assertThat(many.distanceTo(start))
                        .as(model.family() + " batch 32 vs 1")
                        .isLessThan(one.distanceTo(start));
                assertThat(all.distanceTo(start))
                        .as(model.family() + " batch 400 vs 32")
                        .isLessThan(many.distanceTo(start));
                ModelWeights learned = trainer.train(start, blobs, new TrainingConfig(20, 0.5, 32, 0, 7))
                        .weights();
                assertThat(new Evaluator().evaluate(learned, blobs).metric("accuracy"))
                        .as(model.family() + " learns at batch 32")
                        .isGreaterThan(0.8);
            }
        }
    }

    @Nested
    class Mlp {
        private final ModelArchitecture spec = ModelArchitecture.mlp(6, List.of(16, 8), 4);
        private final LocalDataset data = GaussianBlobs.classification(400, 4, 0.7);

        @Test
        void learnsDeterministically() {
            ModelWeights start = new ModelInitializer().initial(spec, HASH, 3);
            TrainingConfig config = new TrainingConfig(5, 0.05, 8, 0, 9);
            ModelWeights a = new MlpTrainer().train(start, data, config).weights();
            ModelWeights b = new MlpTrainer().train(start, data, config).weights();
            assertThat(a.values()).containsExactly(b.values());
            assertThat(new Evaluator().evaluate(a, data).metric("accuracy")).isGreaterThan(0.85);
        }

        @Test
        void batchGradientMatchesFiniteDifferencesAndBatchForwardMatchesSingleForward() {
            ModelWeights start = new ModelInitializer().initial(spec, HASH, 5);
            MlpNetwork network = new MlpNetwork(spec);
            float[] w = start.values();
            float[][][] a = network.newBatchActivations(3);
            float[][][] d = network.newBatchActivations(3);
            float[][] rows = {data.row(0), data.row(1), data.row(2)};
            int[] labels = {data.classIndex(0), data.classIndex(1), data.classIndex(2)};
            float[] grad = new float[w.length];
            network.forwardBatch(w, rows, 3, a);
            network.backwardBatch(w, a, labels, 3, grad, d);
            float[][] single = network.newActivations();
            for (int b = 0; b < 3; b++) {
                network.forward(w, rows[b], single);
                assertThat(a[a.length - 1][b]).containsExactly(single[single.length - 1]);
            }
            for (int index : new int[] {0, 7, 6 * 16 + 3, 6 * 16 + 16 + 5, w.length - 1}) {
                float saved = w[index];
                w[index] = saved + 1e-2f;
                double up = loss(network, w, rows, labels);
                w[index] = saved - 1e-2f;
                double down = loss(network, w, rows, labels);
                w[index] = saved;
                assertThat((double) grad[index]).isCloseTo((up - down) / 2e-2, within(5e-3));
            }
        }

        @Test
        void fedProxKeepsTheUpdateCloserToTheGlobalModel() {
            ModelWeights start = new ModelInitializer().initial(spec, HASH, 3);
            double plain = new MlpTrainer()
                    .train(start, data, new TrainingConfig(3, 0.05, 8, 0, 9))
                    .weights()
                    .distanceTo(start);
            double prox = new MlpTrainer()
                    .train(start, data, new TrainingConfig(3, 0.05, 8, 1.0, 9))
                    .weights()
                    .distanceTo(start);
            assertThat(prox).isLessThan(plain * 0.8);
        }

        private double loss(MlpNetwork network, float[] w, float[][] rows, int[] labels) {
            double total = 0;
            float[][] a = network.newActivations();
            for (int b = 0; b < rows.length; b++) {
                network.forward(w, rows[b], a);
                double[] logits = new double[4];
                for (int k = 0; k < 4; k++) {
                    logits[k] = a[a.length - 1][k];
                }
                total -= Evaluator.logSoftmax(logits, labels[b]);
            }
            return total;
        }
    }

    @Nested
    class Metrics {
        @Test
        void macroF1AveragesPerClassF1() {
            long[][] confusion = {{8, 2}, {4, 6}};
            // class 0: P = 8/12, R = 8/10 -> F1 = 16/22; class 1: P = 6/8, R = 6/10 -> F1 = 12/18
            assertThat(ClassificationMetrics.macroF1(confusion)).isCloseTo((16.0 / 22 + 12.0 / 18) / 2, within(1e-12));
        }

        @Test
        void fdcSpecHasTheCaseStudyShape() {
            ModelArchitecture spec = ModelArchitecture.fdcMlp();
            assertThat(spec.parameterCount()).isEqualTo(180 * 1024 + 1024 + 1024 * 128 + 128 + 128 * 4 + 4);
            assertThat(spec.layout())
                    .extracting(TensorLayout::name)
                    .containsExactly(
                            "dense0/kernel",
                            "dense0/bias",
                            "dense1/kernel",
                            "dense1/bias",
                            "dense2/kernel",
                            "dense2/bias");
        }
    }

    private static void assertSamePredictions(
            ModelWeights weights,
            ImmutableDataset<Label> dataset,
            java.util.function.Function<org.tribuo.Example<Label>, Prediction<Label>> tribuo) {
        Predictor ours = Predictors.of(weights);
        double[] out = new double[4];
        int i = 0;
        for (var example : dataset) {
            Prediction<Label> prediction = tribuo.apply(example);
            ours.outputs(TribuoDataRows.row(dataset, i++), out);
            String predicted = prediction.getOutput().getLabel();
            assertThat(GaussianBlobs.SCHEMA.classes().get(Evaluator.argmax(out)))
                    .isEqualTo(predicted);
            double probability = prediction.getOutputScores().get(predicted).getScore();
            assertThat(Math.exp(Evaluator.logSoftmax(out, Evaluator.argmax(out))))
                    .isCloseTo(probability, within(1e-4));
        }
    }
}
