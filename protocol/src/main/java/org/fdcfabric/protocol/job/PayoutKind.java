package org.fdcfabric.protocol.job;

/** Why an account receives tokens from a job's escrow. */
public enum PayoutKind {
    PROVIDER,
    COMPUTE_FEE,
    REFUND
}
