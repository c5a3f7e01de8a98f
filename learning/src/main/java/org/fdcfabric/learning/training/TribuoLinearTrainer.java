package org.fdcfabric.learning.training;

import java.util.SplittableRandom;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Local training of the {@code logistic} and {@code linear} families with Tribuo's linear SGD trainers. Warm
 * start: {@code createParameters} is overridden to hand Tribuo a copy of the global weights, which its training
 * loop then updates in place. Plain SGD, since Tribuo resets the optimiser state on every {@code train} call.
 *
 * <p>The configured batch size is honoured by {@link MinibatchSgd} (Tribuo feeds it one example at a time and it
 * steps by the batch mean), not by Tribuo's own minibatches, whose gradient merge sums instead of averaging.
 */
final class TribuoLinearTrainer implements LocalTrainer {
    @Override
    public TrainingOutcome train(ModelWeights global, LocalDataset data, TrainingConfig config) {
        Trainers.checkCompatible(global, data);
        Trainers.rejectProx(global.spec(), config);
        ModelArchitecture spec = global.spec();
        DenseMatrix start = toMatrix(global);
        AbstractLinearSGDModel<?> model;
        if (spec.family() == ModelFamily.LOGISTIC) {
            var trainer =
                    new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                            new LogMulticlass(),
                            Trainers.minibatchSgd(config, data),
                            config.epochs(),
                            Integer.MAX_VALUE,
                            1,
                            config.seed()) {
                        @Override
                        protected LinearParameters createParameters(int features, int outputs, SplittableRandom rng) {
                            return warmStart(start, features, outputs);
                        }
                    };
            model = trainer.train(TribuoData.classification(data));
        } else if (spec.family() == ModelFamily.LINEAR) {
            var trainer =
                    new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
                            new SquaredLoss(),
                            Trainers.minibatchSgd(config, data),
                            config.epochs(),
                            Integer.MAX_VALUE,
                            1,
                            config.seed()) {
                        @Override
                        protected LinearParameters createParameters(int features, int outputs, SplittableRandom rng) {
                            return warmStart(start, features, outputs);
                        }
                    };
            model = trainer.train(TribuoData.regression(data));
        } else {
            throw new IllegalArgumentException("TribuoLinearTrainer trains logistic or linear, not " + spec.family());
        }
        ModelWeights trained = fromMatrix(spec, global.schemaHash(), model.getWeightsCopy());
        return new TrainingOutcome(trained, Trainers.trainingLoss(trained, data));
    }

    private static LinearParameters warmStart(DenseMatrix start, int features, int outputs) {
        int[] shape = start.getShape();
        if (shape[0] != outputs || shape[1] != features + 1) {
            throw new IllegalStateException("Tribuo asked for " + outputs + "x" + (features + 1)
                    + " parameters but the global model is " + shape[0] + "x" + shape[1]);
        }
        return new LinearParameters(new DenseMatrix(start));
    }

    static DenseMatrix toMatrix(ModelWeights weights) {
        int rows = weights.spec().outputCount();
        int cols = weights.spec().featureCount() + 1;
        DenseMatrix m = new DenseMatrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.set(r, c, weights.valueAt(r * cols + c));
            }
        }
        return m;
    }

    static ModelWeights fromMatrix(ModelArchitecture spec, String schemaHash, DenseMatrix m) {
        int rows = spec.outputCount();
        int cols = spec.featureCount() + 1;
        float[] values = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = (float) m.get(r, c);
            }
        }
        return ModelWeights.adopt(spec, schemaHash, values);
    }
}
