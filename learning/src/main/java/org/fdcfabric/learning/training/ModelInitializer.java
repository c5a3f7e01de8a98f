package org.fdcfabric.learning.training;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The shared starting point of a federated job, drawn by the coordinator from the job's seed: zeros for the
 * linear families, small Gaussian factors for the factorization machine, He-initialised kernels for the MLP.
 */
public final class ModelInitializer {
    private static final double FM_FACTOR_STDEV = 0.01;

    public ModelWeights initial(ModelArchitecture spec, String schemaHash, long seed) {
        float[] values = new float[spec.parameterCount()];
        SplittableRandom random = new SplittableRandom(seed);
        List<TensorLayout> layout = spec.layout();
        switch (spec.family()) {
            case LOGISTIC, LINEAR -> {}
            case FM -> {
                for (int t = 2; t < layout.size(); t++) {
                    fill(values, layout.get(t), FM_FACTOR_STDEV, random);
                }
            }
            case MLP -> {
                for (TensorLayout t : layout) {
                    if (t.name().endsWith("/kernel")) {
                        fill(values, t, Math.sqrt(2.0 / t.shape().get(0)), random);
                    }
                }
            }
        }
        return ModelWeights.adopt(spec, schemaHash, values);
    }

    private static void fill(float[] values, TensorLayout t, double stdev, SplittableRandom random) {
        for (int i = 0; i < t.size(); i++) {
            values[t.offset() + i] = (float) (stdev * random.nextGaussian());
        }
    }
}
