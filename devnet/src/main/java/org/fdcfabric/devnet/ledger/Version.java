package org.fdcfabric.devnet.ledger;

/** The height at which a key was last written: block number and index of the transaction in that block. */
public record Version(long blockNum, long txNum) implements Comparable<Version> {
    @Override
    public int compareTo(Version other) {
        int byBlock = Long.compare(blockNum, other.blockNum);
        return byBlock != 0 ? byBlock : Long.compare(txNum, other.txNum);
    }
}
