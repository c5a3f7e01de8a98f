package org.fdcfabric.protocol.merkle;

import java.security.MessageDigest;
import java.util.List;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InputChecks;

/**
 * An inclusion proof: the leaf's position, the tree size, and the sibling hashes bottom-up. Which side each
 * sibling stands on is derived from index and size, never taken from the proof, so a proof cannot lie about it.
 */
public record MerkleProof(long index, long leafCount, List<String> siblings) {
    public MerkleProof {
        siblings = siblings == null ? null : List.copyOf(siblings);
    }

    /** Whether {@code record} is leaf {@link #index()} of the tree whose root is {@code rootHex}. */
    public boolean verifies(byte[] record, String rootHex) {
        if (record == null
                || rootHex == null
                || siblings == null
                || !InputChecks.SHA256_HEX.matcher(rootHex).matches()) {
            return false;
        }
        if (leafCount < 1 || index < 0 || index >= leafCount) {
            return false;
        }
        for (String sibling : siblings) {
            if (sibling == null || !InputChecks.SHA256_HEX.matcher(sibling).matches()) {
                return false;
            }
        }
        MessageDigest digest = Hashes.sha256Digest();
        byte[] hash = MerkleTree.leafHash(digest, record);
        long i = index;
        long width = leafCount;
        int used = 0;
        while (width > 1) {
            boolean isRightChild = (i & 1) == 1;
            boolean hasSibling = isRightChild || i + 1 < width;
            if (hasSibling) {
                if (used == siblings.size()) {
                    return false;
                }
                byte[] sibling = Hashes.unhex(siblings.get(used++), "INVALID_PROOF");
                hash = isRightChild
                        ? MerkleTree.nodeHash(digest, sibling, hash)
                        : MerkleTree.nodeHash(digest, hash, sibling);
            }
            i /= 2;
            width = (width + 1) / 2;
        }
        return used == siblings.size() && Hashes.hex(hash).equals(rootHex);
    }
}
