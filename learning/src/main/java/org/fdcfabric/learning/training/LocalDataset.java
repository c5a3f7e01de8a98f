package org.fdcfabric.learning.training;

import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.ucl.Task;

/**
 * A center's examples in model form: one float row per example, and a class index (classification) or a target
 * (regression) per row. Rows are given in the schema's feature order and kept in model index order ({@link
 * DatasetSchema#columnOrder()}); {@link #row(int)} returns that order. Immutable.
 */
public final class LocalDataset {
    private final DatasetSchema schema;
    private final float[][] rows;
    private final int[] classIndices;
    private final double[] targets;
    private final TargetScale targetScale;

    private LocalDataset(
            DatasetSchema schema, float[][] rows, int[] classIndices, double[] targets, TargetScale targetScale) {
        this.schema = schema;
        this.rows = rows;
        this.classIndices = classIndices;
        this.targets = targets;
        this.targetScale = targetScale;
    }

    /** Rows in column order, one class index per row, each checked against the schema. */
    public static LocalDataset classification(DatasetSchema schema, List<float[]> rows, List<Integer> classIndices) {
        Objects.requireNonNull(schema, "schema");
        if (schema.task() != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("schema is not a classification schema");
        }
        if (rows.size() != classIndices.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + classIndices.size() + " labels");
        }
        int[] labels = new int[classIndices.size()];
        for (int i = 0; i < labels.length; i++) {
            int label = classIndices.get(i);
            if (label < 0 || label >= schema.classes().size()) {
                throw new IllegalArgumentException("row " + i + " has class index " + label + "; the schema has "
                        + schema.classes().size() + " classes");
            }
            labels[i] = label;
        }
        return new LocalDataset(schema, checkedRows(schema, rows), labels, null, null);
    }

    /** Rows in column order and one target per row, trained as they are. */
    public static LocalDataset regression(DatasetSchema schema, List<float[]> rows, List<Double> targets) {
        return regression(schema, rows, targets, TargetScale.IDENTITY);
    }

    /**
     * Rows in column order and one target per row in the target's units; the model trains on the targets as
     * {@code scale} maps them ({@link #target(int)}), and {@link Evaluator} reports metrics in the target's units.
     */
    public static LocalDataset regression(
            DatasetSchema schema, List<float[]> rows, List<Double> targets, TargetScale scale) {
        Objects.requireNonNull(schema, "schema");
        if (schema.task() != Task.REGRESSION) {
            throw new IllegalArgumentException("schema is not a regression schema");
        }
        if (rows.size() != targets.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + targets.size() + " targets");
        }
        Objects.requireNonNull(scale, "scale");
        double[] values = new double[targets.size()];
        for (int i = 0; i < values.length; i++) {
            double target = targets.get(i);
            if (!Double.isFinite(target)) {
                throw new IllegalArgumentException("row " + i + " has a non-finite target");
            }
            values[i] = scale.toModel(target);
        }
        return new LocalDataset(schema, checkedRows(schema, rows), null, values, scale);
    }

    private static float[][] checkedRows(DatasetSchema schema, List<float[]> rows) {
        int width = schema.featureNames().size();
        List<String> names = schema.featureNames();
        int[] source = schema.columnOrder().stream().mapToInt(names::indexOf).toArray();
        float[][] copy = new float[rows.size()][];
        for (int i = 0; i < copy.length; i++) {
            float[] row = rows.get(i);
            if (row.length != width) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + row.length + " values; the schema has " + width + " features");
            }
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + " has a non-finite feature value");
                }
            }
            float[] ordered = new float[width];
            for (int j = 0; j < width; j++) {
                ordered[j] = row[source[j]];
            }
            copy[i] = ordered;
        }
        return copy;
    }

    public DatasetSchema schema() {
        return schema;
    }

    public int size() {
        return rows.length;
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        return rows[i].clone();
    }

    /** Row {@code i} itself, for kernels inside this package that only read it. */
    float[] rowView(int i) {
        return rows[i];
    }

    public int classIndex(int i) {
        if (classIndices == null) {
            throw new IllegalStateException("a regression dataset has no class indices");
        }
        return classIndices[i];
    }

    /** Row {@code i}'s target as the model learns it (standardized when the dataset has a {@link #targetScale()}). */
    public double target(int i) {
        if (targets == null) {
            throw new IllegalStateException("a classification dataset has no targets");
        }
        return targets[i];
    }

    /** How the targets are scaled for training; {@link TargetScale#IDENTITY} unless standardized. */
    public TargetScale targetScale() {
        if (targets == null) {
            throw new IllegalStateException("a classification dataset has no targets");
        }
        return targetScale;
    }

    /** The rows at the given indices, in that order. */
    public LocalDataset subset(int[] indices) {
        float[][] r = new float[indices.length][];
        int[] c = classIndices == null ? null : new int[indices.length];
        double[] t = targets == null ? null : new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = rows[indices[i]];
            if (c != null) {
                c[i] = classIndices[indices[i]];
            }
            if (t != null) {
                t[i] = targets[indices[i]];
            }
        }
        return new LocalDataset(schema, r, c, t, targetScale);
    }

    /** This dataset followed by others of the same schema (the centralized baseline pools the centers). */
    public static LocalDataset concat(List<LocalDataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        DatasetSchema schema = parts.get(0).schema;
        int total = 0;
        for (LocalDataset part : parts) {
            if (!part.schema.equals(schema)) {
                throw new IllegalArgumentException("cannot pool datasets of different schemas");
            }
            if (!Objects.equals(part.targetScale, parts.get(0).targetScale)) {
                throw new IllegalArgumentException("cannot pool datasets whose targets are scaled differently");
            }
            total += part.size();
        }
        boolean classification = schema.task() == Task.CLASSIFICATION;
        float[][] rows = new float[total][];
        int[] classes = classification ? new int[total] : null;
        double[] targets = classification ? null : new double[total];
        int at = 0;
        for (LocalDataset part : parts) {
            for (int i = 0; i < part.size(); i++, at++) {
                rows[at] = part.rows[i];
                if (classification) {
                    classes[at] = part.classIndices[i];
                } else {
                    targets[at] = part.targets[i];
                }
            }
        }
        return new LocalDataset(schema, rows, classes, targets, parts.get(0).targetScale);
    }
}
