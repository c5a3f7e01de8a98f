package org.fdcfabric.learning.tabular;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.TargetScale;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.fdcfabric.protocol.ucl.InputTransform.ColumnTransform;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * A job's preprocessing as a value: the {@link InputTransform} fixed from job-wide {@link ColumnStatistics}, and
 * its application to {@link TabularRows}. A numeric column's missing cell takes the job's mean (MEAN policy), then
 * the column is standardized with the job's mean and population standard deviation (a constant column is only
 * centred); a categorical column's missing cell takes the job's most frequent category (MOST_FREQUENT; ties go to
 * the first in the vocabulary) and the column becomes one input per category (one-hot). With standardized
 * features a regression target is standardized too, and mapped back for every metric and prediction.
 *
 * <p>Model inputs are named after their column: a numeric column keeps its name, category {@code k} of column
 * {@code c} is {@code c:k} with {@code k} zero-padded to the vocabulary's width, so the lexicographic order the
 * learning core indexes inputs by ({@link DatasetSchema#columnOrder()}) keeps a column's categories together and in
 * vocabulary order.
 *
 * <p>Every party builds it from the transform ({@link #of}), never from its own statistics, so all apply the
 * identical doubles the transform's decimal strings denote.
 */
public final class Preprocessing {
    /** Decimal strings carry 17 significant digits: enough for any double to parse back to itself. */
    private static final MathContext DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private final InputTransform transform;
    private final String hash;
    private final DatasetSchema inputSchema;
    private final FeatureType[] types;
    private final double[] fill;
    private final double[] center;
    private final double[] scale;
    private final int[] categories;
    private final TargetScale targetScale;

    private Preprocessing(InputTransform transform) {
        this.transform = transform;
        this.hash = transform.hash();
        UclSchema schema = transform.schema();
        this.inputSchema = inputSchema(schema);
        int n = schema.features().size();
        types = new FeatureType[n];
        fill = new double[n];
        center = new double[n];
        scale = new double[n];
        categories = new int[n];
        for (int c = 0; c < n; c++) {
            FeatureSpec feature = schema.features().get(c);
            ColumnTransform column = transform.columns().get(c);
            types[c] = feature.type();
            if (feature.type() == FeatureType.CATEGORICAL) {
                categories[c] = feature.categories().size();
                fill[c] = column.fill() == null
                        ? Double.NaN
                        : feature.categories().indexOf(column.fill());
            } else {
                fill[c] = column.fill() == null ? Double.NaN : Double.parseDouble(column.fill());
                center[c] = Double.parseDouble(column.center());
                scale[c] = Double.parseDouble(column.scale());
            }
        }
        ColumnTransform target = transform.target();
        targetScale = target == null
                ? TargetScale.IDENTITY
                : new TargetScale(Double.parseDouble(target.center()), Double.parseDouble(target.scale()));
    }

    /**
     * The preprocessing a transform describes.
     *
     * @throws InvalidInputException {@code INVALID_PREPROCESSING} if the transform does not fit its schema
     */
    public static Preprocessing of(InputTransform transform) {
        return new Preprocessing(Objects.requireNonNull(transform, "transform").validate());
    }

    /**
     * Fixes the preprocessing of a schema from the statistics of every center's training split.
     *
     * @throws IllegalArgumentException if a column that must be imputed or standardized has no value at all
     */
    public static Preprocessing fit(UclSchema schema, ColumnStatistics statistics, Scaling scaling) {
        if (!statistics.schema().equals(schema)) {
            throw new IllegalArgumentException("the statistics are of another schema");
        }
        List<ColumnTransform> columns = new ArrayList<>();
        for (int c = 0; c < schema.features().size(); c++) {
            FeatureSpec feature = schema.features().get(c);
            boolean imputes = feature.missingPolicy() != MissingPolicy.REFUSE;
            if (feature.type() == FeatureType.CATEGORICAL) {
                String fill = imputes ? mostFrequent(feature, statistics, c) : null;
                columns.add(new ColumnTransform(feature.name(), fill, null, null));
                continue;
            }
            long n = statistics.count(c);
            if (n == 0 && (imputes || scaling == Scaling.STANDARDIZE)) {
                throw new IllegalArgumentException("column " + feature.name()
                        + " has no value in any center: it cannot be imputed or standardized");
            }
            double mean = n == 0 ? 0 : statistics.sum(c) / n;
            double variance = n == 0 ? 0 : Math.max(0, statistics.sumOfSquares(c) / n - mean * mean);
            double std = Math.sqrt(variance);
            // a constant column (or one whose spread is rounding noise) is centred only
            boolean constant = !(std > 1e-9 * Math.max(1, Math.abs(mean)));
            boolean standardize = scaling == Scaling.STANDARDIZE;
            columns.add(new ColumnTransform(
                    feature.name(),
                    imputes ? decimal(mean) : null,
                    standardize ? decimal(mean) : "0",
                    standardize && !constant ? decimal(std) : "1"));
        }
        return of(new InputTransform(schema, scaling, columns, target(schema, statistics, scaling)));
    }

    /**
     * A regression target is standardized with the job's mean and standard deviation when the features are: an
     * MLP's output starts near 0 and moves by about the learning rate per step, so a target in the hundreds would
     * take thousands of steps to reach (and its squared errors would swamp the gradients). A constant target is
     * only centred.
     */
    private static ColumnTransform target(UclSchema schema, ColumnStatistics statistics, Scaling scaling) {
        if (schema.task() != Task.REGRESSION || scaling != Scaling.STANDARDIZE || statistics.rows() == 0) {
            return null;
        }
        double n = statistics.rows();
        double mean = statistics.targetSum() / n;
        double std = Math.sqrt(Math.max(0, statistics.targetSumOfSquares() / n - mean * mean));
        boolean constant = !(std > 1e-9 * Math.max(1, Math.abs(mean)));
        return new ColumnTransform(schema.label().name(), null, decimal(mean), constant ? "1" : decimal(std));
    }

    /**
     * The columns as they are: numeric values unscaled, categories one-hot. Needs no statistics.
     *
     * @throws IllegalArgumentException if a column imputes missing values (its fill needs the job's statistics)
     */
    public static Preprocessing asIs(UclSchema schema) {
        if (!needsStatistics(schema, Scaling.NONE)) {
            return fit(
                    schema,
                    ColumnStatistics.fromVector(schema, new double[ColumnStatistics.width(schema)]),
                    Scaling.NONE);
        }
        throw new IllegalArgumentException("the schema imputes missing values: its preprocessing needs the job's"
                + " statistics and must be sent with the request");
    }

    /** Whether fixing the preprocessing of {@code schema} needs job-wide statistics. */
    public static boolean needsStatistics(UclSchema schema, Scaling scaling) {
        return scaling == Scaling.STANDARDIZE
                || schema.features().stream().anyMatch(f -> f.missingPolicy() != MissingPolicy.REFUSE);
    }

    private static String mostFrequent(FeatureSpec feature, ColumnStatistics statistics, int c) {
        int best = -1;
        long bestCount = 0;
        for (int k = 0; k < feature.categories().size(); k++) {
            long count = statistics.categoryCount(c, k);
            if (count > bestCount) {
                best = k;
                bestCount = count;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException(
                    "column " + feature.name() + " has no value in any center: it cannot be imputed");
        }
        return feature.categories().get(best);
    }

    /** A double as a decimal string that parses back to it; plain unless that would be long. */
    static String decimal(double value) {
        BigDecimal rounded = new BigDecimal(value).round(DIGITS).stripTrailingZeros();
        String plain = rounded.toPlainString();
        return plain.length() <= 40 ? plain : rounded.toString();
    }

    /** The model inputs a schema's columns become (names as the class comment says), label and task unchanged. */
    public static DatasetSchema inputSchema(UclSchema schema) {
        List<String> names = new ArrayList<>();
        for (FeatureSpec feature : schema.features()) {
            if (feature.type() == FeatureType.CATEGORICAL) {
                int size = feature.categories().size();
                int width = String.valueOf(size - 1).length();
                for (int k = 0; k < size; k++) {
                    names.add(feature.name() + ":" + String.format(java.util.Locale.ROOT, "%0" + width + "d", k));
                }
            } else {
                names.add(feature.name());
            }
        }
        return new DatasetSchema(names, schema.label().name(), schema.label().classes(), schema.task());
    }

    public InputTransform transform() {
        return transform;
    }

    /** The transform's hash ({@link InputTransform#hash()}). */
    public String hash() {
        return hash;
    }

    /** How the model's output maps to the regression target's units ({@link TargetScale#IDENTITY} if unscaled). */
    public TargetScale targetScale() {
        return targetScale;
    }

    /** The schema of the model inputs this preprocessing produces. */
    public DatasetSchema inputSchema() {
        return inputSchema;
    }

    /**
     * The rows as model inputs.
     *
     * @throws IllegalArgumentException if the rows are of another schema, or a cell is missing in a column that
     *     refuses missing values (naming the row, counted from 1)
     */
    public LocalDataset apply(TabularRows rows) {
        if (!rows.schema().equals(transform.schema())) {
            throw new IllegalArgumentException(
                    "the rows' schema " + rows.schema().hash() + " is not the one this preprocessing was fixed for ("
                            + transform.schema().hash() + ")");
        }
        List<float[]> inputs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            inputs.add(inputs(rows.row(i), i + 1));
        }
        if (transform.schema().task() == Task.CLASSIFICATION) {
            List<Integer> labels = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                labels.add((int) rows.label(i));
            }
            return LocalDataset.classification(inputSchema, inputs, labels);
        }
        List<Double> targets = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            targets.add(rows.label(i));
        }
        return LocalDataset.regression(inputSchema, inputs, targets, targetScale);
    }

    /**
     * One raw row's model inputs, in {@link #inputSchema()}'s feature order: what {@link #apply} does to each row,
     * for a caller that has rows without labels (predictions).
     *
     * @param cells the row in the transform's schema order ({@link TabularRows}' representation: NaN = missing, a
     *     category as its index)
     * @throws IllegalArgumentException if the row's width does not fit, or a cell is missing in a column that
     *     refuses missing values
     */
    public float[] inputs(float[] cells) {
        if (cells.length != types.length) {
            throw new IllegalArgumentException(
                    "row has " + cells.length + " cells; the transform's schema has " + types.length + " columns");
        }
        return inputs(cells, 0);
    }

    /** {@code rowNumber} (from 1; 0 for none) names the row in an error. */
    private float[] inputs(float[] cells, int rowNumber) {
        float[] out = new float[inputSchema.featureNames().size()];
        int at = 0;
        for (int c = 0; c < types.length; c++) {
            double value = cells[c];
            if (Double.isNaN(value)) {
                if (Double.isNaN(fill[c])) {
                    throw new IllegalArgumentException((rowNumber > 0 ? "row " + rowNumber + ": " : "")
                            + transform.schema().features().get(c).name()
                            + " is missing and the schema refuses missing values there");
                }
                value = fill[c];
            }
            if (types[c] == FeatureType.CATEGORICAL) {
                out[at + (int) value] = 1;
                at += categories[c];
            } else {
                out[at++] = (float) ((value - center[c]) / scale[c]);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing other && hash.equals(other.hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Preprocessing[" + transform.scaling() + ", " + hash + "]";
    }
}
