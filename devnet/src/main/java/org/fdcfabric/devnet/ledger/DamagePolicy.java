package org.fdcfabric.devnet.ledger;

/** What opening a ledger does when its block chain is damaged or cut off. */
public enum DamagePolicy {
    /** Refuse to open, naming file, channel and the first bad block. */
    REFUSE,
    /** Keep the blocks before the first bad one: rebuild the ledger from them and set the damaged file aside. */
    TRUNCATE
}
