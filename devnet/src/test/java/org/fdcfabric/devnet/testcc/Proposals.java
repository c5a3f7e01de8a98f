package org.fdcfabric.devnet.testcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.fdcfabric.msp.IssuedIdentity;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Builds signed proposals the way the Fabric Gateway client does ({@code ProposalBuilder}), for runtime tests. */
public final class Proposals {
    private Proposals() {}

    public record Built(String txId, SignedProposal signed, ChaincodeInput input) {}

    public static Built build(IssuedIdentity creator, String channel, String chaincode, String... args)
            throws Exception {
        byte[] nonce = new byte[24];
        new SecureRandom().nextBytes(nonce);
        byte[] creatorBytes = creator.serialize();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(nonce);
        sha.update(creatorBytes);
        String txId = HexFormat.of().formatHex(sha.digest());
        Instant now = Instant.now();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channel)
                .setTxId(txId)
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                        .build()
                        .toByteString())
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creatorBytes))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String arg : args) {
            input.addArgs(ByteString.copyFrom(arg, StandardCharsets.UTF_8));
        }
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder()
                        .setChaincodeSpec(ChaincodeSpec.newBuilder()
                                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                                .setInput(input))
                        .build()
                        .toByteString())
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build()
                        .toByteString())
                .setPayload(payload.toByteString())
                .build();
        byte[] proposalBytes = proposal.toByteArray();
        SignedProposal signed = SignedProposal.newBuilder()
                .setProposalBytes(ByteString.copyFrom(proposalBytes))
                .setSignature(ByteString.copyFrom(creator.sign(proposalBytes)))
                .build();
        return new Built(txId, signed, input.build());
    }
}
