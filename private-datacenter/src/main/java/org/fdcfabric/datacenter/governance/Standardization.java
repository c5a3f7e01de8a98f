package org.fdcfabric.datacenter.governance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Z-score parameters of every feature, stored with the dataset so that a model trained on it can be applied to
 * new data, and the scaling undone. Mean and standard deviation (population) are fixed-point decimals with
 * {@link #PARAMETER_SCALE} places; features are rounded to {@link #FEATURE_SCALE} places after scaling, so the
 * same input gives the same bytes on every JVM.
 */
public record Standardization(List<FeatureScale> features) {
    public static final int PARAMETER_SCALE = 9;
    public static final int FEATURE_SCALE = 6;
    private static final double FEATURE_UNIT = 1e6;

    /** One feature's mean and standard deviation; a constant feature has deviation 1 so it maps to 0. */
    public record FeatureScale(String name, BigDecimal mean, BigDecimal deviation) {}

    public Standardization {
        features = List.copyOf(features);
    }

    /** Fits the parameters on the rows (each a feature vector in {@code names} order). */
    public static Standardization fit(List<String> names, List<double[]> rows) {
        int n = names.size();
        double[] mean = new double[n];
        double[] m2 = new double[n];
        long count = 0;
        for (double[] row : rows) {
            count++;
            for (int f = 0; f < n; f++) { // Welford: stable for long streams of similar values
                double delta = row[f] - mean[f];
                mean[f] += delta / count;
                m2[f] += delta * (row[f] - mean[f]);
            }
        }
        List<FeatureScale> scales = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            double deviation = count == 0 ? 0 : Math.sqrt(m2[f] / count);
            BigDecimal d = fixed(deviation);
            if (d.signum() == 0) {
                d = BigDecimal.ONE;
            }
            scales.add(new FeatureScale(names.get(f), fixed(mean[f]), d));
        }
        return new Standardization(scales);
    }

    private static BigDecimal fixed(double value) {
        return new BigDecimal(value).setScale(PARAMETER_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Scales feature vectors with the stored (rounded) parameters, so a reader of the stored values agrees. */
    public List<List<BigDecimal>> apply(List<double[]> rows) {
        int n = features.size();
        double[] mean = new double[n];
        double[] deviation = new double[n];
        for (int f = 0; f < n; f++) {
            mean[f] = features.get(f).mean().doubleValue();
            deviation[f] = features.get(f).deviation().doubleValue();
        }
        List<List<BigDecimal>> out = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            BigDecimal[] scaled = new BigDecimal[n];
            for (int f = 0; f < n; f++) {
                double z = (row[f] - mean[f]) / deviation[f];
                scaled[f] = BigDecimal.valueOf(Math.round(z * FEATURE_UNIT), FEATURE_SCALE);
            }
            out.add(List.of(scaled));
        }
        return out;
    }
}
