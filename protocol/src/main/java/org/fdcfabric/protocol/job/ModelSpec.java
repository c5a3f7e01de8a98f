package org.fdcfabric.protocol.job;

import java.util.Map;

/**
 * What model the job trains: a family (for example {@code logistic-regression}, {@code mlp}) and its
 * hyperparameters as decimal strings, never floats, so the on-chain bytes are canonical.
 */
public record ModelSpec(String family, Map<String, String> hyperparameters) {
    public ModelSpec {
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
    }
}
