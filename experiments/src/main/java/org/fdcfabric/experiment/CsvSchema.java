package org.fdcfabric.experiment;

import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.ucl.Task;

/**
 * How to read a CSV file as a dataset: which columns are features, which is the label, the task, (for
 * classification) the classes in index order — with none given, they are the label's distinct values sorted — and
 * whether missing feature cells are imputed (numeric: the job's mean; categorical: its most frequent category) or
 * refuse their row. Imputing is asked for, never assumed: it changes the data the owner handed over.
 */
public record CsvSchema(
        List<String> featureColumns, String labelColumn, Task task, List<String> classes, boolean imputeMissing) {
    public CsvSchema {
        featureColumns = List.copyOf(featureColumns);
        classes = List.copyOf(classes);
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(task, "task");
        if (featureColumns.isEmpty()) {
            throw new IllegalArgumentException("name at least one feature column");
        }
    }

    /** A schema whose missing feature cells refuse their row. */
    public CsvSchema(List<String> featureColumns, String labelColumn, Task task, List<String> classes) {
        this(featureColumns, labelColumn, task, classes, false);
    }
}
