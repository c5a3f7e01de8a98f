package org.fdcfabric.compute.aggregation.secure;

import java.util.Optional;
import org.fdcfabric.protocol.secagg.DecodedSum;

/** The end of a round: the unmasked aggregate if it completed, and the summary either way. */
public record SecureAggregationOutcome(
        SecureAggregationSummary summary, Optional<DecodedSum> aggregate, String detail) {
    public boolean completed() {
        return aggregate.isPresent();
    }

    public Optional<SecureAggregationFailure> failure() {
        return Optional.ofNullable(summary.failure()).map(SecureAggregationFailure::valueOf);
    }
}
