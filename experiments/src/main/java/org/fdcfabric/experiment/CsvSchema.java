package org.fdcfabric.experiment;

import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.ucl.Task;

/**
 * How to read a CSV file as a dataset: which columns are features, which is the label, the task, and (for
 * classification) the classes in index order; with no classes given, they are the label's distinct values
 * sorted.
 */
public record CsvSchema(List<String> featureColumns, String labelColumn, Task task, List<String> classes) {
    public CsvSchema {
        featureColumns = List.copyOf(featureColumns);
        classes = List.copyOf(classes);
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(task, "task");
        if (featureColumns.isEmpty()) {
            throw new IllegalArgumentException("name at least one feature column");
        }
    }
}
