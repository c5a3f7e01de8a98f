package org.fdcfabric.learning.training;

import java.util.List;
import java.util.SplittableRandom;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.FMParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;

/**
 * Local training of the {@code fm} family with Tribuo's factorization machine. Warm start through the same
 * {@code createParameters} hook; the factors' shared random initialisation comes from the coordinator ({@link
 * ModelInitializer}), since all-zero factors would never move.
 *
 * <p>The configured batch size is honoured by {@link MinibatchSgd}: Tribuo 4.3.2's own FM minibatches throw a
 * ClassCastException in {@code FMParameters.merge} for batches above one.
 */
final class TribuoFmTrainer implements LocalTrainer {
    /** Tribuo initialises factors with this variance; irrelevant here, as the global factors overwrite them. */
    private static final double INIT_VARIANCE = 0.1;

    @Override
    public TrainingOutcome train(ModelWeights global, LocalDataset data, TrainingConfig config) {
        Trainers.checkCompatible(global, data);
        Trainers.rejectProx(global.spec(), config);
        ModelArchitecture spec = global.spec();
        if (spec.family() != ModelFamily.FM) {
            throw new IllegalArgumentException("TribuoFmTrainer trains fm, not " + spec.family());
        }
        Tensor[] start = toTensors(global);
        // Tribuo's FM model does not expose its parameters; training updates the instance created here in place.
        FMParameters[] created = new FMParameters[1];
        var trainer =
                new FMClassificationTrainer(
                        new LogMulticlass(),
                        Trainers.minibatchSgd(config, data),
                        config.epochs(),
                        Integer.MAX_VALUE,
                        1,
                        config.seed(),
                        spec.factors(),
                        INIT_VARIANCE) {
                    @Override
                    protected FMParameters createParameters(int features, int outputs, SplittableRandom rng) {
                        if (features != spec.featureCount() || outputs != spec.outputCount()) {
                            throw new IllegalStateException("Tribuo asked for " + outputs + " outputs x " + features
                                    + " features but the global model has " + spec.outputCount() + " x "
                                    + spec.featureCount());
                        }
                        FMParameters parameters =
                                new FMParameters(rng, features, outputs, spec.factors(), INIT_VARIANCE);
                        Tensor[] copy = new Tensor[start.length];
                        for (int i = 0; i < start.length; i++) {
                            copy[i] = start[i].copy();
                        }
                        parameters.set(copy);
                        created[0] = parameters;
                        return parameters;
                    }
                };
        trainer.train(TribuoData.classification(data));
        ModelWeights weights = fromTensors(spec, global.schemaHash(), created[0].get());
        return new TrainingOutcome(weights, Trainers.trainingLoss(weights, data));
    }

    static Tensor[] toTensors(ModelWeights w) {
        ModelArchitecture spec = w.spec();
        List<TensorLayout> layout = spec.layout();
        Tensor[] tensors = new Tensor[layout.size()];
        double[] bias = new double[spec.outputCount()];
        for (int k = 0; k < bias.length; k++) {
            bias[k] = w.valueAt(layout.get(0).offset() + k);
        }
        tensors[0] = DenseVector.createDenseVector(bias);
        for (int t = 1; t < layout.size(); t++) {
            TensorLayout l = layout.get(t);
            int rows = l.shape().get(0);
            int cols = l.shape().get(1);
            DenseMatrix m = new DenseMatrix(rows, cols);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m.set(r, c, w.valueAt(l.offset() + r * cols + c));
                }
            }
            tensors[t] = m;
        }
        return tensors;
    }

    static ModelWeights fromTensors(ModelArchitecture spec, String schemaHash, Tensor[] tensors) {
        List<TensorLayout> layout = spec.layout();
        if (tensors.length != layout.size()) {
            throw new IllegalStateException("Tribuo FM has " + tensors.length + " tensors, expected " + layout.size());
        }
        float[] values = new float[spec.parameterCount()];
        DenseVector bias = (DenseVector) tensors[0];
        for (int k = 0; k < spec.outputCount(); k++) {
            values[layout.get(0).offset() + k] = (float) bias.get(k);
        }
        for (int t = 1; t < layout.size(); t++) {
            TensorLayout l = layout.get(t);
            DenseMatrix m = (DenseMatrix) tensors[t];
            int rows = l.shape().get(0);
            int cols = l.shape().get(1);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    values[l.offset() + r * cols + c] = (float) m.get(r, c);
                }
            }
        }
        return ModelWeights.adopt(spec, schemaHash, values);
    }
}
