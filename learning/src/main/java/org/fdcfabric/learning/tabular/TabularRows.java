package org.fdcfabric.learning.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * A table's rows in the column order of its UCL schema, before any preprocessing. A numeric cell holds the value
 * read; a categorical cell holds the category's index in the column's vocabulary; {@link Float#NaN} marks a
 * missing cell of either kind. Each row has a label: the class index (classification) or the target (regression);
 * labels are never missing.
 *
 * <p>Immutable once built; centers hold one per dataset and every job derives its model inputs from it.
 */
public final class TabularRows {
    private final UclSchema schema;
    private final float[][] cells;
    private final double[] labels;

    private TabularRows(UclSchema schema, float[][] cells, double[] labels) {
        this.schema = schema;
        this.cells = cells;
        this.labels = labels;
    }

    public UclSchema schema() {
        return schema;
    }

    public int size() {
        return cells.length;
    }

    /** A copy of row {@code i}'s cells. */
    public float[] row(int i) {
        return cells[i].clone();
    }

    /** Cell {@code column} of row {@code i}; NaN when missing. */
    public float cell(int i, int column) {
        return cells[i][column];
    }

    /** The class index (classification) or target (regression) of row {@code i}. */
    public double label(int i) {
        return labels[i];
    }

    /**
     * The rows at {@code indices}, in that order, under the same schema (a train or test split of a table). Rows
     * are immutable, so the subset shares them.
     *
     * @throws IndexOutOfBoundsException if an index is not a row of this table
     */
    public TabularRows subset(int[] indices) {
        float[][] chosen = new float[indices.length][];
        double[] chosenLabels = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], cells.length);
            chosen[k] = cells[i];
            chosenLabels[k] = labels[i];
        }
        return new TabularRows(schema, chosen, chosenLabels);
    }

    /**
     * The rows of an all-numeric dataset already in model form (sensor windows), in its schema's feature order,
     * under the UCL schema it publishes ({@link DatasetSchema#toUcl()}).
     */
    public static TabularRows from(LocalDataset data) {
        DatasetSchema schema = data.schema();
        List<String> order = schema.columnOrder();
        int[] position = schema.featureNames().stream().mapToInt(order::indexOf).toArray();
        Builder builder = builder(schema.toUcl());
        boolean classification = schema.task() == Task.CLASSIFICATION;
        for (int i = 0; i < data.size(); i++) {
            float[] model = data.row(i);
            float[] row = new float[position.length];
            for (int c = 0; c < row.length; c++) {
                row[c] = model[position[c]];
            }
            builder.add(
                    row,
                    classification ? data.classIndex(i) : data.targetScale().toTarget(data.target(i)));
        }
        return builder.build();
    }

    public static Builder builder(UclSchema schema) {
        return new Builder(schema);
    }

    /** Collects rows, checking each against the schema as it arrives. */
    public static final class Builder {
        private final UclSchema schema;
        private final List<FeatureSpec> features;
        private float[][] cells = new float[64][];
        private double[] labels = new double[64];
        private int size;

        private Builder(UclSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            this.features = schema.features();
        }

        /**
         * Appends one row.
         *
         * @throws IllegalArgumentException if the row's width, a category index or the label does not fit the
         *     schema; the row is not added
         */
        public Builder add(float[] row, double label) {
            if (row.length != features.size()) {
                throw new IllegalArgumentException(
                        "row has " + row.length + " cells; the schema has " + features.size() + " features");
            }
            for (int c = 0; c < row.length; c++) {
                FeatureSpec feature = features.get(c);
                float cell = row[c];
                if (Float.isNaN(cell)) {
                    continue;
                }
                if (Float.isInfinite(cell)) {
                    throw new IllegalArgumentException(feature.name() + " is not finite");
                }
                if (feature.type() == FeatureType.CATEGORICAL
                        && (cell != Math.rint(cell)
                                || cell < 0
                                || cell >= feature.categories().size())) {
                    throw new IllegalArgumentException(feature.name() + " has no category with index " + cell);
                }
            }
            checkLabel(label);
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, size * 2);
                labels = Arrays.copyOf(labels, size * 2);
            }
            cells[size] = row.clone();
            labels[size] = label;
            size++;
            return this;
        }

        private void checkLabel(double label) {
            if (!Double.isFinite(label)) {
                throw new IllegalArgumentException("label " + schema.label().name() + " is missing or not finite");
            }
            if (schema.task() == Task.CLASSIFICATION
                    && (label != Math.rint(label)
                            || label < 0
                            || label >= schema.label().classes().size())) {
                throw new IllegalArgumentException(
                        "label " + schema.label().name() + " has no class with index " + label);
            }
        }

        public int size() {
            return size;
        }

        public TabularRows build() {
            return new TabularRows(schema, Arrays.copyOf(cells, size), Arrays.copyOf(labels, size));
        }
    }
}
