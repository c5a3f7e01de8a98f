package org.fdcfabric.learning.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Additive statistics of a table's columns: what a center reveals about its training split so that a job's
 * preprocessing can be fixed without moving rows. Per numeric column the count of values present, their sum, the
 * sum of their squares and the count missing; per categorical column the count missing and the count of each
 * category. Statistics of two tables of one schema add up to those of their union ({@link #plus}), which is what
 * lets the coordinator sum them, in the clear or under secure aggregation.
 *
 * <p>As a vector ({@link #toVector}): the row count, then per feature in schema order {@code [count, sum,
 * sumOfSquares, missing]} (numeric) or {@code [missing, count of category 0, ..., count of category k-1]}
 * (categorical), then for a regression schema the target's {@code [sum, sumOfSquares]} (every row has a target, so
 * its count is the row count), from which the job standardizes the target.
 */
public final class ColumnStatistics {
    private final UclSchema schema;
    private final int[] offsets;
    private final double[] values;

    private ColumnStatistics(UclSchema schema, double[] values) {
        this.schema = schema;
        this.offsets = offsets(schema);
        this.values = values;
    }

    /** The statistics of every row of {@code rows}. */
    public static ColumnStatistics of(TabularRows rows) {
        UclSchema schema = rows.schema();
        ColumnStatistics stats = new ColumnStatistics(schema, new double[width(schema)]);
        List<FeatureSpec> features = schema.features();
        double[] v = stats.values;
        v[0] = rows.size();
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < features.size(); c++) {
                int at = stats.offsets[c];
                float cell = rows.cell(i, c);
                if (features.get(c).type() == FeatureType.CATEGORICAL) {
                    if (Float.isNaN(cell)) {
                        v[at]++;
                    } else {
                        v[at + 1 + (int) cell]++;
                    }
                } else if (Float.isNaN(cell)) {
                    v[at + 3]++;
                } else {
                    v[at]++;
                    v[at + 1] += cell;
                    v[at + 2] += (double) cell * cell;
                }
            }
        }
        if (schema.task() == Task.REGRESSION) {
            int at = v.length - 2;
            for (int i = 0; i < rows.size(); i++) {
                double target = rows.label(i);
                v[at] += target;
                v[at + 1] += target * target;
            }
        }
        return stats;
    }

    /**
     * Reads statistics in vector form, as a center sends them or a sum decodes.
     *
     * @throws IllegalArgumentException if the length does not fit the schema, or a count is negative, fractional
     *     or not finite, or a sum is not finite
     */
    public static ColumnStatistics fromVector(UclSchema schema, double[] vector) {
        Objects.requireNonNull(schema, "schema");
        int width = width(schema);
        if (vector.length != width) {
            throw new IllegalArgumentException(
                    "statistics have " + vector.length + " values; the schema needs " + width);
        }
        ColumnStatistics stats = new ColumnStatistics(schema, vector.clone());
        List<FeatureSpec> features = schema.features();
        checkCount("rows", vector[0]);
        for (int c = 0; c < features.size(); c++) {
            int at = stats.offsets[c];
            String name = features.get(c).name();
            if (features.get(c).type() == FeatureType.CATEGORICAL) {
                for (int k = 0; k <= features.get(c).categories().size(); k++) {
                    checkCount(name, vector[at + k]);
                }
            } else {
                checkCount(name, vector[at]);
                checkCount(name, vector[at + 3]);
                checkSums(name, vector[at + 1], vector[at + 2]);
            }
        }
        if (schema.task() == Task.REGRESSION) {
            checkSums(schema.label().name(), vector[width - 2], vector[width - 1]);
        }
        return stats;
    }

    private static void checkSums(String name, double sum, double sumOfSquares) {
        if (!Double.isFinite(sum) || !(sumOfSquares >= 0) || Double.isInfinite(sumOfSquares)) {
            throw new IllegalArgumentException("statistics of " + name + " are not finite");
        }
    }

    private static void checkCount(String name, double count) {
        if (!(count >= 0) || Double.isInfinite(count) || count != Math.rint(count)) {
            throw new IllegalArgumentException("a count of " + name + " is not a whole number >= 0: " + count);
        }
    }

    /** The length of the vector form for a schema. */
    public static int width(UclSchema schema) {
        int width = 1;
        for (FeatureSpec feature : schema.features()) {
            width += feature.type() == FeatureType.CATEGORICAL
                    ? 1 + feature.categories().size()
                    : 4;
        }
        return schema.task() == Task.REGRESSION ? width + 2 : width;
    }

    private static int[] offsets(UclSchema schema) {
        List<FeatureSpec> features = schema.features();
        int[] offsets = new int[features.size()];
        int at = 1;
        for (int c = 0; c < offsets.length; c++) {
            offsets[c] = at;
            at += features.get(c).type() == FeatureType.CATEGORICAL
                    ? 1 + features.get(c).categories().size()
                    : 4;
        }
        return offsets;
    }

    /** The statistics of both tables together. */
    public ColumnStatistics plus(ColumnStatistics other) {
        if (!schema.equals(other.schema)) {
            throw new IllegalArgumentException("cannot add statistics of different schemas");
        }
        double[] sum = values.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.values[i];
        }
        return new ColumnStatistics(schema, sum);
    }

    public UclSchema schema() {
        return schema;
    }

    public double[] toVector() {
        return values.clone();
    }

    public long rows() {
        return (long) values[0];
    }

    /** Values present in numeric column {@code c}. */
    public long count(int c) {
        return (long) values[numeric(c)];
    }

    public double sum(int c) {
        return values[numeric(c) + 1];
    }

    public double sumOfSquares(int c) {
        return values[numeric(c) + 2];
    }

    /** The sum of a regression schema's targets (one per row). */
    public double targetSum() {
        return values[target()];
    }

    /** The sum of the squares of a regression schema's targets. */
    public double targetSumOfSquares() {
        return values[target() + 1];
    }

    private int target() {
        if (schema.task() != Task.REGRESSION) {
            throw new IllegalArgumentException("a classification schema has no target statistics");
        }
        return values.length - 2;
    }

    /** Rows whose column {@code c} is missing. */
    public long missing(int c) {
        return (long) (categorical(c) ? values[offsets[c]] : values[offsets[c] + 3]);
    }

    /** Rows whose categorical column {@code c} holds category {@code k}. */
    public long categoryCount(int c, int k) {
        if (!categorical(c)) {
            throw new IllegalArgumentException(schema.features().get(c).name() + " is not categorical");
        }
        return (long) values[offsets[c] + 1 + k];
    }

    private boolean categorical(int c) {
        return schema.features().get(c).type() == FeatureType.CATEGORICAL;
    }

    private int numeric(int c) {
        if (categorical(c)) {
            throw new IllegalArgumentException(schema.features().get(c).name() + " is not numeric");
        }
        return offsets[c];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnStatistics other
                && schema.equals(other.schema)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + Arrays.hashCode(values);
    }
}
