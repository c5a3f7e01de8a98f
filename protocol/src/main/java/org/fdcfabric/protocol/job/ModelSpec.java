package org.fdcfabric.protocol.job;

import java.util.Map;

/**
 * What model the job trains: a family (for example {@code logistic-regression}, {@code mlp}) and its
 * hyperparameters as decimal strings, never floats, so the on-chain bytes are canonical.
 */
public record ModelSpec(String family, Map<String, String> hyperparameters) {
    /** The term that makes a job use secure aggregation: {@code "true"} (absent: {@code "false"}). */
    public static final String SECURE_TERM = "secure";
    /** The term naming the aggregation rule, {@code name[:key=value,...]} (absent: {@code fedavg}). */
    public static final String AGGREGATOR_TERM = "aggregator";

    public ModelSpec {
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
    }
}
