package org.fdcfabric.datacenter.federation;

import java.util.Objects;
import org.fdcfabric.learning.training.LocalDataset;

/**
 * A dataset this center offers (its UCL id) with its local train and test splits; both share one schema.
 */
public record CenterDataset(String datasetId, LocalDataset train, LocalDataset test) {
    public CenterDataset {
        Objects.requireNonNull(datasetId, "datasetId");
        if (!datasetId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new IllegalArgumentException("dataset id must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        if (!train.schema().equals(test.schema())) {
            throw new IllegalArgumentException("train and test splits of " + datasetId + " differ in schema");
        }
    }
}
