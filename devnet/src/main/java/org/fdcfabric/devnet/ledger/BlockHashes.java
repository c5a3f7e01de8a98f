package org.fdcfabric.devnet.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
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
        ASN1EncodableVector fields = new ASN1EncodableVector(3);
        // Go's asn1 encodes the uint64 number as a non-negative INTEGER; an unsigned value keeps the top bit.
        fields.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))));
        fields.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        fields.add(new DEROctetString(header.getDataHash().toByteArray()));
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding of a block header failed", e);
        }
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
