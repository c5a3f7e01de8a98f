package org.fdcfabric.compute.aggregation.secure;

/** Why a secure-aggregation round produced no aggregate. Recorded with the round. */
public enum SecureAggregationFailure {
    /** Fewer than t centers advertised keys. */
    TOO_FEW_ADVERTISED,
    /** So many centers advertised that t is no longer a majority of them (t > n/2 is required). */
    THRESHOLD_NOT_A_MAJORITY,
    /** Fewer than t centers dealt their shares. */
    TOO_FEW_SHARED,
    /** Fewer than t masked inputs arrived: too many dropouts to unmask safely. */
    TOO_FEW_MASKED_INPUTS,
    /** Fewer than t centers answered the unmasking request, so seeds cannot be rebuilt. */
    TOO_FEW_UNMASKING_RESPONSES,
    /** No t of the revealed shares rebuild a seed that matches its commitment. */
    SHARES_INCONSISTENT,
    /** The unmasked sum is not a valid encoding: centers masked against different sets of peers. */
    MASKS_DID_NOT_CANCEL
}
