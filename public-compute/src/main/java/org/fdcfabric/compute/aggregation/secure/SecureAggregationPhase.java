package org.fdcfabric.compute.aggregation.secure;

/** Where a secure-aggregation round stands. Phases only move forward; COMPLETED and FAILED are final. */
public enum SecureAggregationPhase {
    ADVERTISING,
    SHARING,
    MASKING,
    UNMASKING,
    COMPLETED,
    FAILED
}
