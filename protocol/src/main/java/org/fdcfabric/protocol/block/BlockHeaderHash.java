package org.fdcfabric.protocol.block;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.fdcfabric.protocol.Hashes;

/**
 * Fabric's block header hash ({@code protoutil.BlockHeaderBytes}): SHA-256 of the DER encoding of
 * {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }}, the value the next block
 * carries as its previous hash. Written once here so the devnet that builds blocks and the auditor that checks
 * them cannot disagree.
 */
public final class BlockHeaderHash {
    private BlockHeaderHash() {}

    /** The DER bytes; the number is Go's uint64, so a value with the top bit set stays positive. */
    public static byte[] headerBytes(long number, byte[] previousHash, byte[] dataHash) {
        byte[] integer = new BigInteger(Long.toUnsignedString(number)).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        element(body, 0x02, integer);
        element(body, 0x04, previousHash);
        element(body, 0x04, dataHash);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        element(sequence, 0x30, body.toByteArray());
        return sequence.toByteArray();
    }

    public static byte[] headerHash(long number, byte[] previousHash, byte[] dataHash) {
        return Hashes.sha256(headerBytes(number, previousHash, dataHash));
    }

    private static void element(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.write(content, 0, length);
    }
}
