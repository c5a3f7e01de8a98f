package org.fdcfabric.protocol.merkle;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * The root of the same RFC 6962 tree as {@link MerkleTree}, computed while records stream past: it keeps only the
 * roots of the complete (power-of-two) subtrees seen so far, at most one per size, so memory grows with the
 * logarithm of the record count. Used where the records do not fit in memory at once (a table imported from a
 * large file); proofs still need a {@link MerkleTree}.
 */
public final class MerkleRootBuilder {
    private final MessageDigest digest = Hashes.sha256Digest();
    private final Deque<Subtree> complete = new ArrayDeque<>();
    private long leafCount;

    private record Subtree(byte[] hash, long leaves) {}

    /**
     * Adds the next record (its canonical bytes are the leaf).
     *
     * @return the record's leaf hash, for a caller that needs a digest of each record too
     */
    public byte[] add(byte[] record) {
        byte[] leaf = MerkleTree.leafHash(digest, record);
        Subtree right = new Subtree(leaf, 1);
        while (!complete.isEmpty() && complete.peek().leaves() == right.leaves()) {
            Subtree left = complete.pop();
            right = new Subtree(MerkleTree.nodeHash(digest, left.hash(), right.hash()), left.leaves() * 2);
        }
        complete.push(right);
        leafCount++;
        return leaf.clone();
    }

    public long leafCount() {
        return leafCount;
    }

    /**
     * The root over the records added so far: the complete subtrees joined from the smallest (rightmost) up, which
     * is RFC 6962's split at the largest power of two below the count.
     */
    public String rootHex() {
        if (leafCount == 0) {
            throw new InvalidInputException("EMPTY_DATASET", "a Merkle tree needs at least one record");
        }
        byte[] root = null;
        for (Subtree subtree : complete) {
            root = root == null ? subtree.hash() : MerkleTree.nodeHash(digest, subtree.hash(), root);
        }
        return Hashes.hex(root);
    }
}
