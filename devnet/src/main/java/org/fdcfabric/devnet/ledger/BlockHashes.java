package org.fdcfabric.devnet.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.fdcfabric.protocol.block.BlockHeaderHash;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** Fabric's block hashing ({@code protoutil/blockutils.go}): data hash and the DER-encoded header hash. */
public final class BlockHashes {
    private BlockHashes() {}

    /** SHA-256 over the concatenation of all envelopes of the block, in order. */
    public static byte[] dataHash(BlockData data) {
        MessageDigest digest = sha256();
        data.getDataList().forEach(envelope -> digest.update(envelope.asReadOnlyByteBuffer()));
        return digest.digest();
    }

    /** DER SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }. */
    public static byte[] headerBytes(BlockHeader header) {
        return BlockHeaderHash.headerBytes(
                header.getNumber(),
                header.getPreviousHash().toByteArray(),
                header.getDataHash().toByteArray());
    }

    /** The hash that the next block carries as {@code previous_hash}. */
    public static byte[] headerHash(BlockHeader header) {
        return sha256().digest(headerBytes(header));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
