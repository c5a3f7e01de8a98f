package org.fdcfabric.protocol.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * A Merkle tree kept level by level. Building pairs neighbours on each level and carries an odd last node up
 * unchanged; that shape is exactly RFC 6962's tree, and the domain-separation prefixes keep an inner node from
 * ever passing as a leaf (the second-preimage attack on naive trees).
 */
public final class MerkleTree {
    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;

    /** levels.get(0) are the leaf hashes; the last level holds only the root. */
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /** Builds the tree over records (each record's canonical bytes is one leaf). */
    public static MerkleTree of(List<byte[]> records) {
        byte[][] leaves = new byte[records.size()][];
        MessageDigest digest = Hashes.sha256Digest();
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = leafHash(digest, records.get(i));
        }
        return fromLeafHashes(leaves);
    }

    /** Builds the tree over leaf hashes computed elsewhere (for example in parallel, or while streaming records). */
    public static MerkleTree fromLeafHashes(byte[][] leafHashes) {
        if (leafHashes.length == 0) {
            throw new InvalidInputException("EMPTY_DATASET", "a Merkle tree needs at least one record");
        }
        MessageDigest digest = Hashes.sha256Digest();
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes.clone();
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < level.length / 2; i++) {
                up[i] = nodeHash(digest, level[2 * i], level[2 * i + 1]);
            }
            if (level.length % 2 == 1) {
                up[up.length - 1] = level[level.length - 1];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    public static byte[] leafHash(MessageDigest digest, byte[] record) {
        digest.reset();
        digest.update(LEAF_PREFIX);
        return digest.digest(record);
    }

    static byte[] nodeHash(MessageDigest digest, byte[] left, byte[] right) {
        digest.reset();
        digest.update(NODE_PREFIX);
        digest.update(left);
        return digest.digest(right);
    }

    public long leafCount() {
        return levels.get(0).length;
    }

    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    public String rootHex() {
        return Hashes.hex(levels.get(levels.size() - 1)[0]);
    }

    /** The inclusion proof of leaf {@code index}: its siblings from the bottom up (levels with none are skipped). */
    public MerkleProof proof(long index) {
        if (index < 0 || index >= leafCount()) {
            throw new InvalidInputException(
                    "INVALID_RECORD_INDEX", "record index " + index + " outside [0, " + leafCount() + ")");
        }
        List<String> siblings = new ArrayList<>();
        int i = (int) index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            int sibling = i ^ 1;
            if (sibling < level.length) {
                siblings.add(Hashes.hex(level[sibling]));
            }
            i /= 2;
        }
        return new MerkleProof(index, leafCount(), siblings);
    }
}
