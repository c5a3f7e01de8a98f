package org.fdcfabric.learning.training;

import java.util.Map;
import java.util.TreeMap;

/**
 * Regression metrics: {@code mse}, {@code mae} and {@code r2} (1 - SSE / SST, SST about the target's mean), with
 * the target's {@code target_mean} and {@code target_variance} alongside so that metrics of several parties' test
 * splits can be pooled exactly ({@link #pool}): the pooled SST is the within-part variances plus the parts' mean
 * offsets, which per-part R² alone cannot give.
 */
public final class RegressionMetrics {
    public static final String MSE = "mse";
    public static final String MAE = "mae";
    public static final String R2 = "r2";
    public static final String TARGET_MEAN = "target_mean";
    public static final String TARGET_VARIANCE = "target_variance";

    private long n;
    private double squared;
    private double absolute;
    private double mean;
    private double m2;

    /** Adds one prediction and its truth (Welford's update for the target's mean and variance). */
    public void add(double prediction, double truth) {
        double error = prediction - truth;
        squared += error * error;
        absolute += Math.abs(error);
        n++;
        double delta = truth - mean;
        mean += delta / n;
        m2 += delta * (truth - mean);
    }

    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new TreeMap<>();
        metrics.put(MSE, n == 0 ? 0 : squared / n);
        metrics.put(MAE, n == 0 ? 0 : absolute / n);
        metrics.put(R2, r2(squared, m2));
        metrics.put(TARGET_MEAN, mean);
        metrics.put(TARGET_VARIANCE, n == 0 ? 0 : m2 / n);
        return metrics;
    }

    /** One part's sample count and its {@link #metrics()}. */
    public record Part(long samples, Map<String, Double> metrics) {}

    /** The metrics of the union of the parts, weighted by their sample counts; parts without samples are skipped. */
    public static Map<String, Double> pool(Iterable<Part> parts) {
        long total = 0;
        double squared = 0;
        double absolute = 0;
        double sum = 0;
        for (Part part : parts) {
            if (part.samples() == 0) {
                continue;
            }
            total += part.samples();
            squared += value(part, MSE) * part.samples();
            absolute += value(part, MAE) * part.samples();
            sum += value(part, TARGET_MEAN) * part.samples();
        }
        Map<String, Double> metrics = new TreeMap<>();
        if (total == 0) {
            return metrics;
        }
        double mean = sum / total;
        double sst = 0;
        for (Part part : parts) {
            if (part.samples() == 0) {
                continue;
            }
            double offset = value(part, TARGET_MEAN) - mean;
            sst += part.samples() * (value(part, TARGET_VARIANCE) + offset * offset);
        }
        metrics.put(MSE, squared / total);
        metrics.put(MAE, absolute / total);
        metrics.put(R2, r2(squared, sst));
        metrics.put(TARGET_MEAN, mean);
        metrics.put(TARGET_VARIANCE, sst / total);
        return metrics;
    }

    private static double value(Part part, String name) {
        Double value = part.metrics().get(name);
        if (value == null) {
            throw new IllegalArgumentException("a regression evaluation lacks '" + name + "'; has "
                    + part.metrics().keySet());
        }
        return value;
    }

    /** 1 - SSE/SST; a constant target (SST 0) gives 1 for a perfect fit and 0 otherwise, never NaN. */
    private static double r2(double sse, double sst) {
        if (sst == 0) {
            return sse == 0 ? 1 : 0;
        }
        return 1 - sse / sst;
    }
}
