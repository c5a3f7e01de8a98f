package org.fdcfabric.compute.aggregation.secure;

import java.util.Optional;
import org.fdcfabric.protocol.secagg.DecodedSum;

/**
 * The end of a round: the summary either way, and the unmasked model aggregate if a model round completed (a round
 * whose caller decodes the sum itself, {@link SecureAggregationRound#finish(SecureAggregationRound.SumDecoder)},
 * completes without one).
 */
public record SecureAggregationOutcome(
        SecureAggregationSummary summary, Optional<DecodedSum> aggregate, String detail) {
    public boolean completed() {
        return summary.failure() == null;
    }

    public Optional<SecureAggregationFailure> failure() {
        return Optional.ofNullable(summary.failure()).map(SecureAggregationFailure::valueOf);
    }
}
