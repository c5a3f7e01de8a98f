package org.fdcfabric.auditor;

/** What an audit can find wrong. */
public enum ViolationKind {
    /** a round's participant held no valid pass at that round: missing, revoked, expired, out of scope, used up */
    NO_VALID_PASS,
    /** a settlement differs from the payouts recomputed from the recorded rounds */
    PAYOUT_MISMATCH,
    /** an audit trail whose entries, links or head do not hold, or a record that does not match its trail */
    BROKEN_TRAIL,
    /** a model (job) whose rounds, round hashes, UCLs or claimed hashes do not form a complete lineage */
    INCOMPLETE_LINEAGE,
    /** a data center reported that it refused an attempt to use its data */
    REFUSED_ACCESS,
    /** the balances of all wallets and escrows do not add up to the tokens minted */
    TOKEN_IMBALANCE,
    /**
     * a block read does not chain to the one before or match its data hash, or a trail entry was written by no
     * valid transaction in the blocks
     */
    BROKEN_CHAIN
}
