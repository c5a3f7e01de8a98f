package org.fdcfabric.datacenter.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

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
    /** Classification or regression. */
    public enum Task {
        CLASSIFICATION,
        REGRESSION
    }

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

    /**
     * Lowercase hex SHA-256 of the schema's canonical text: task, label, classes in order and features in index
     * order, each length-prefixed so no two schemas share a text.
     */
    public String hash() {
        StringBuilder canonical = new StringBuilder("fdc-schema-v1\n");
        append(canonical, task.name());
        append(canonical, labelName);
        canonical.append(classes.size()).append('\n');
        classes.forEach(c -> append(canonical, c));
        List<String> columns = columnOrder();
        canonical.append(columns.size()).append('\n');
        columns.forEach(f -> append(canonical, f));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void append(StringBuilder sb, String s) {
        sb.append(s.length()).append(':').append(s).append('\n');
    }
}
