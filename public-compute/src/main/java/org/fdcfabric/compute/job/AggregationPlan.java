package org.fdcfabric.compute.job;

import org.fdcfabric.compute.aggregation.robust.AggregatorSpec;
import org.fdcfabric.compute.aggregation.robust.RobustAggregators;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * How a job aggregates: in the clear with a rule ({@code fedavg}, or a robust one, see {@link RobustAggregators}),
 * or by secure aggregation (pairwise masking), which computes FedAvg while the coordinator learns only the sum.
 *
 * <p>The two do not combine. Robust rules and their clipping and bounds need each center's update, which secure
 * aggregation exists to hide; checking bounds on masked updates would need zero-knowledge range proofs, which are not
 * built, and clipping done by each center on its own update protects nothing against the center that poisons. So a
 * plan that asks for both is refused.
 *
 * @param aggregator the rule in the grammar {@code name[:key=value,...]}
 * @param secureThreshold t for secure aggregation, or 0 for a strict majority of the centers sampled each round
 */
public record AggregationPlan(boolean secure, AggregatorSpec aggregator, int secureThreshold) {
    public static final AggregationPlan PLAIN = new AggregationPlan(false, AggregatorSpec.FEDAVG, 0);

    public AggregationPlan {
        if (aggregator == null) {
            throw new IllegalArgumentException("an aggregation plan names its rule");
        }
        try {
            RobustAggregators.of(aggregator);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (secure && !aggregator.isPlainFedAvg()) {
            throw new IllegalArgumentException("SECURE_WITH_ROBUST_AGGREGATOR: secure aggregation hides every single"
                    + " update, so the rule '" + aggregator.text() + "' (which needs them) cannot run on it; choose"
                    + " secure with fedavg, or a robust rule in the clear");
        }
        if (!secure && secureThreshold != 0) {
            throw new IllegalArgumentException("a secure threshold applies to secure aggregation only");
        }
        if (secureThreshold != 0 && (secureThreshold < 2 || secureThreshold > 64)) {
            throw new IllegalArgumentException(
                    "secure threshold must be 0 (majority) or in 2..64, was " + secureThreshold);
        }
    }

    /** Reads the rule from its text, for example {@code trimmed-mean:beta=0.1,clip=5}. */
    public static AggregationPlan of(boolean secure, String aggregator, int secureThreshold) {
        try {
            return new AggregationPlan(secure, AggregatorSpec.parse(aggregator), secureThreshold);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The threshold for a round that samples {@code centers}: the plan's, or a strict majority. */
    public int thresholdFor(int centers) {
        return secureThreshold != 0 ? secureThreshold : centers / 2 + 1;
    }
}
