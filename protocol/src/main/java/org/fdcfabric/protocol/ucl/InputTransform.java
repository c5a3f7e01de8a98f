package org.fdcfabric.protocol.ucl;

import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * How one job turns a UCL schema's raw columns into model inputs: per numeric column the value a missing cell
 * takes and the centre and scale it is standardized with, per categorical column the category a missing cell takes
 * (one-hot over the schema's vocabulary follows from the schema). The coordinator fixes it once per job from
 * statistics summed across the centers, sends it with every call and records it in the model's provenance; it
 * carries the schema so that a saved model can be applied to a raw CSV file without the chain.
 *
 * <p>Numbers are decimal strings (canonical JSON has no floating point), written by {@code
 * learning.tabular.Preprocessing} so that they parse back to the very doubles it computed.
 *
 * @param columns one per schema feature, in schema order
 * @param target a regression target's centre and scale (named after the label, no fill): the model learns the
 *     standardized target and its outputs are mapped back to the target's units before any metric or prediction;
 *     absent for classification and for a target trained as it is
 */
public record InputTransform(UclSchema schema, Scaling scaling, List<ColumnTransform> columns, ColumnTransform target) {
    /** The code of a transform that does not fit its schema or is malformed. */
    public static final String INVALID_PREPROCESSING = "INVALID_PREPROCESSING";

    /** Whether numeric columns are standardized (the default for tabular schemas) or left as they are. */
    public enum Scaling {
        STANDARDIZE,
        NONE
    }

    /**
     * One column's transform.
     *
     * @param fill a numeric column's imputed value or a categorical column's imputed category; absent when the
     *     column refuses missing values
     * @param center subtracted from a numeric value (absent for categorical columns)
     * @param scale a numeric value is divided by it after centring (absent for categorical columns)
     */
    public record ColumnTransform(String name, String fill, String center, String scale) {}

    public InputTransform {
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** A transform that leaves the target as it is. */
    public InputTransform(UclSchema schema, Scaling scaling, List<ColumnTransform> columns) {
        this(schema, scaling, columns, null);
    }

    /** Lowercase hex SHA-256 of the canonical JSON: what requests, the provenance and centers compare. */
    public String hash() {
        return Hashes.sha256Hex(CanonicalJson.bytes(this));
    }

    public String toJson() {
        return CanonicalJson.write(this);
    }

    /**
     * Reads a transform and checks its shape against its own schema: one column per feature, same names and
     * order, numbers where numbers belong and categories from the vocabulary.
     *
     * @throws InvalidInputException {@link #INVALID_PREPROCESSING} naming what is wrong
     */
    public static InputTransform read(String json) {
        InputTransform transform;
        try {
            transform = CanonicalJson.read(json, InputTransform.class);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(INVALID_PREPROCESSING, e.getMessage(), e);
        }
        return transform.validate();
    }

    /** Checks the transform against its schema; returns it. */
    public InputTransform validate() {
        InputChecks.require(
                schema != null
                        && schema.features() != null
                        && schema.label() != null
                        && schema.task() != null
                        && scaling != null
                        && columns != null,
                INVALID_PREPROCESSING,
                "a transform names its schema (features, label, task), scaling and columns");
        List<FeatureSpec> features = schema.features();
        InputChecks.require(
                columns.size() == features.size(),
                INVALID_PREPROCESSING,
                "the transform has " + columns.size() + " columns; the schema has " + features.size() + " features");
        for (int i = 0; i < columns.size(); i++) {
            FeatureSpec feature = features.get(i);
            InputChecks.require(
                    feature != null && feature.type() != null, INVALID_PREPROCESSING, "feature " + i + " has no type");
            ColumnTransform column = columns.get(i);
            InputChecks.require(
                    column != null && Objects.equals(column.name(), feature.name()),
                    INVALID_PREPROCESSING,
                    "column " + i + " of the transform is not " + feature.name());
            boolean imputes = feature.missingPolicy() != MissingPolicy.REFUSE;
            InputChecks.require(
                    imputes == (column.fill() != null),
                    INVALID_PREPROCESSING,
                    feature.name() + (imputes ? " needs" : " must not have") + " a fill value");
            if (feature.type() == FeatureType.CATEGORICAL) {
                InputChecks.require(
                        column.center() == null && column.scale() == null,
                        INVALID_PREPROCESSING,
                        "categorical " + feature.name() + " has no centre or scale");
                InputChecks.require(
                        column.fill() == null || feature.categories().contains(column.fill()),
                        INVALID_PREPROCESSING,
                        feature.name() + " fills with a category outside its vocabulary");
            } else {
                number(feature.name(), "centre", column.center());
                InputChecks.require(
                        number(feature.name(), "scale", column.scale()) > 0,
                        INVALID_PREPROCESSING,
                        feature.name() + "'s scale must be positive");
                if (column.fill() != null) {
                    number(feature.name(), "fill", column.fill());
                }
            }
        }
        if (target != null) {
            InputChecks.require(
                    schema.task() == Task.REGRESSION,
                    INVALID_PREPROCESSING,
                    "only a regression target is standardized; a class label is not");
            InputChecks.require(
                    Objects.equals(target.name(), schema.label().name()) && target.fill() == null,
                    INVALID_PREPROCESSING,
                    "the target transform must name the label " + schema.label().name() + " and have no fill");
            number(target.name(), "centre", target.center());
            InputChecks.require(
                    number(target.name(), "scale", target.scale()) > 0,
                    INVALID_PREPROCESSING,
                    target.name() + "'s scale must be positive");
        }
        return this;
    }

    private static double number(String column, String what, String text) {
        InputChecks.require(text != null && text.length() <= 64, INVALID_PREPROCESSING, column + " needs a " + what);
        try {
            double value = Double.parseDouble(text);
            InputChecks.require(
                    Double.isFinite(value), INVALID_PREPROCESSING, column + "'s " + what + " is not finite");
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    INVALID_PREPROCESSING, column + "'s " + what + " is not a number: " + text, e);
        }
    }
}
