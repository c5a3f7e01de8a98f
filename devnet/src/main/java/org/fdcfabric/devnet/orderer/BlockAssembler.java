package org.fdcfabric.devnet.orderer;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.List;
import org.fdcfabric.devnet.ledger.BlockHashes;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Builds the next block as Fabric's orderer does ({@code blockwriter.go}): header number, previous hash and data
 * hash; five metadata slots with the orderer's signature in SIGNATURES over
 * {@code value || signature_header || header DER}, and LAST_CONFIG 0 (the devnet has no config updates).
 */
final class BlockAssembler {
    private static final int NONCE_LENGTH = 24;

    private final BlockSigner signer;
    private final ByteString ordererIdentity;
    private final SecureRandom random = new SecureRandom();

    BlockAssembler(BlockSigner signer, ByteString ordererIdentity) {
        this.signer = signer;
        this.ordererIdentity = ordererIdentity;
    }

    Block assemble(long number, ByteString previousHash, List<Envelope> envelopes) {
        BlockData.Builder data = BlockData.newBuilder();
        envelopes.forEach(envelope -> data.addData(envelope.toByteString()));
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(previousHash)
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data.build())))
                .build();
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(0).build();
        ByteString value = OrdererBlockMetadata.newBuilder()
                .setLastConfig(lastConfig)
                .build()
                .toByteString();
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ordererIdentity)
                .setNonce(ByteString.copyFrom(nonce))
                .build()
                .toByteString();
        byte[] signed = value.concat(signatureHeader)
                .concat(ByteString.copyFrom(BlockHashes.headerBytes(header)))
                .toByteArray();
        Metadata signatures = Metadata.newBuilder()
                .setValue(value)
                .addSignatures(MetadataSignature.newBuilder()
                        .setSignatureHeader(signatureHeader)
                        .setSignature(ByteString.copyFrom(signer.sign(signed))))
                .build();
        BlockMetadata metadata = BlockMetadata.newBuilder()
                .addMetadata(signatures.toByteString())
                .addMetadata(Metadata.newBuilder()
                        .setValue(lastConfig.toByteString())
                        .build()
                        .toByteString())
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .build();
        return Block.newBuilder()
                .setHeader(header)
                .setData(data)
                .setMetadata(metadata)
                .build();
    }
}
