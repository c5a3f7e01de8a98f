package org.fdcfabric.learning.training;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * What a dataset's columns mean, as its UCL publishes it: feature names, the label, its classes (classification)
 * and the task. Feature and class indices of every model come from here, never from the data a party happens to
 * hold.
 *
 * <p>Feature index {@code i} is the {@code i}-th name in lexicographic order ({@link #columnOrder()}), because
 * Tribuo numbers features that way; FDC's window features are zero-padded so that this is also their vector
 * order. Class index {@code k} is the {@code k}-th entry of {@link #classes()}.
 */
public record DatasetSchema(List<String> featureNames, String labelName, List<String> classes, Task task) {
    public DatasetSchema {
        featureNames = List.copyOf(featureNames);
        classes = List.copyOf(classes);
        Objects.requireNonNull(labelName, "labelName");
        Objects.requireNonNull(task, "task");
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one feature");
        }
        if (new HashSet<>(featureNames).size() != featureNames.size()) {
            throw new IllegalArgumentException("feature names must be unique");
        }
        for (String name : featureNames) {
            checkName("feature", name);
        }
        checkName("label", labelName);
        if (featureNames.contains(labelName)) {
            throw new IllegalArgumentException("the label '" + labelName + "' must not also be a feature");
        }
        if (task == Task.CLASSIFICATION && classes.size() < 2) {
            throw new IllegalArgumentException("classification needs at least two classes");
        }
        if (task == Task.REGRESSION && !classes.isEmpty()) {
            throw new IllegalArgumentException("regression has no classes");
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("class names must be unique");
        }
        for (String c : classes) {
            checkName("class", c);
        }
    }

    private static void checkName(String what, String name) {
        if (name == null || name.isEmpty() || name.length() > 128 || !name.matches("[\\p{Alnum}_.:\\- ]+")) {
            throw new IllegalArgumentException(
                    what + " name must be 1-128 letters, digits, space, '_', '.', ':' or '-': '" + name + "'");
        }
    }

    /** Feature names in model index order (lexicographic). */
    public List<String> columnOrder() {
        return featureNames.stream().sorted().toList();
    }

    /** Number of model outputs: classes for classification, 1 for regression. */
    public int outputCount() {
        return task == Task.CLASSIFICATION ? classes.size() : 1;
    }

    /** The schema as its UCL publishes it; features in this schema's order, all numeric. */
    public UclSchema toUcl() {
        return new UclSchema(
                featureNames.stream()
                        .map(name -> new FeatureSpec(name, FeatureType.NUMERIC))
                        .toList(),
                new LabelSpec(labelName, classes),
                task);
    }

    /**
     * Reads a UCL's schema. Only numeric features can be trained on.
     *
     * @throws IllegalArgumentException for categorical features or names this schema does not accept
     */
    public static DatasetSchema fromUcl(UclSchema schema) {
        for (FeatureSpec feature : schema.features()) {
            if (feature.type() != FeatureType.NUMERIC) {
                throw new IllegalArgumentException("feature " + feature.name() + " is " + feature.type()
                        + "; federated models train on numeric features only");
            }
        }
        return new DatasetSchema(
                schema.features().stream().map(FeatureSpec::name).toList(),
                schema.label().name(),
                schema.label().classes(),
                schema.task());
    }

    /** The UCL schema hash ({@link UclSchema#hash()}): lowercase hex SHA-256 of its canonical JSON. */
    public String hash() {
        return toUcl().hash();
    }
}
