package org.fdcfabric.learning.training;

import java.util.List;

/** The forward pass of each model family over the flat weights. */
final class Predictors {
    private Predictors() {}

    static Predictor of(ModelWeights model) {
        ModelArchitecture spec = model.spec();
        float[] w = model.values();
        int features = spec.featureCount();
        int outputs = spec.outputCount();
        return switch (spec.family()) {
            case LOGISTIC, LINEAR ->
                (row, out) -> {
                    int stride = features + 1;
                    for (int k = 0; k < outputs; k++) {
                        int base = k * stride;
                        double s = w[base + features];
                        for (int j = 0; j < features; j++) {
                            s += (double) w[base + j] * row[j];
                        }
                        out[k] = s;
                    }
                };
            case FM -> fm(spec, w);
            case MLP -> {
                MlpNetwork network = new MlpNetwork(spec);
                float[][] a = network.newActivations();
                yield (row, out) -> {
                    network.forward(w, row, a);
                    float[] logits = a[a.length - 1];
                    for (int k = 0; k < outputs; k++) {
                        out[k] = logits[k];
                    }
                };
            }
        };
    }

    /** Rendle's factorization machine: bias + w.x + 1/2 sum_f ((v_f.x)^2 - (v_f^2).(x^2)), per output. */
    private static Predictor fm(ModelArchitecture spec, float[] w) {
        List<TensorLayout> layout = spec.layout();
        int features = spec.featureCount();
        int factors = spec.factors();
        return (row, out) -> {
            for (int k = 0; k < spec.outputCount(); k++) {
                double s = w[layout.get(0).offset() + k];
                int linear = layout.get(1).offset() + k * features;
                for (int j = 0; j < features; j++) {
                    s += (double) w[linear + j] * row[j];
                }
                int v = layout.get(2 + k).offset();
                for (int f = 0; f < factors; f++) {
                    double dot = 0;
                    double squares = 0;
                    int base = v + f * features;
                    for (int j = 0; j < features; j++) {
                        double p = (double) w[base + j] * row[j];
                        dot += p;
                        squares += p * p;
                    }
                    s += 0.5 * (dot * dot - squares);
                }
                out[k] = s;
            }
        };
    }
}
