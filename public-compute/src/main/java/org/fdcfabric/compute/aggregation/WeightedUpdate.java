package org.fdcfabric.compute.aggregation;

import java.util.Objects;
import org.fdcfabric.learning.training.ModelWeights;

/** One center's accepted model and the number of samples it trained on. */
public record WeightedUpdate(String datasetId, ModelWeights weights, long samples) {
    public WeightedUpdate {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(weights, "weights");
        if (samples < 1) {
            throw new IllegalArgumentException("an update needs at least one sample, " + datasetId + " has " + samples);
        }
    }
}
