package org.fdcfabric.learning.training;

import java.util.Map;
import java.util.TreeMap;

/**
 * A model's metrics on a dataset: {@code loss}, {@code accuracy}, {@code macro_f1} and the confusion matrix
 * ({@code [true class][predicted class]}) for classification; {@link RegressionMetrics}' {@code mse}, {@code mae},
 * {@code r2} (with the target's mean and variance, for pooling) for regression.
 */
public record Evaluation(long samples, Map<String, Double> metrics, long[][] confusion) {
    public Evaluation {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; have " + metrics.keySet());
        }
        return value;
    }

    @Override
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }
}
