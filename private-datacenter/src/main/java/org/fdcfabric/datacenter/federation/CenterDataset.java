package org.fdcfabric.datacenter.federation;

import java.util.Objects;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.LocalDataset;

/**
 * A dataset this center offers (its UCL id) with its local train and test splits as raw rows of one UCL schema;
 * each job derives its model inputs from them with the job's preprocessing.
 */
public record CenterDataset(String datasetId, TabularRows train, TabularRows test) {
    public CenterDataset {
        Objects.requireNonNull(datasetId, "datasetId");
        if (!datasetId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new IllegalArgumentException("dataset id must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        if (!train.schema().equals(test.schema())) {
            throw new IllegalArgumentException("train and test splits of " + datasetId + " differ in schema");
        }
    }

    /** A dataset whose splits are all-numeric model rows already (governed sensor windows). */
    public CenterDataset(String datasetId, LocalDataset train, LocalDataset test) {
        this(datasetId, TabularRows.from(train), TabularRows.from(test));
    }
}
