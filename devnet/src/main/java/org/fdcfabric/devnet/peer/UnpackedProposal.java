package org.fdcfabric.devnet.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A signed proposal taken apart as {@code msgvalidation.go: UnpackProposal} does. The original header byte
 * strings are kept, never rebuilt, because the proposal hash and the transaction envelope must reuse them; the
 * transient-free {@code ChaincodeProposalPayload} is serialized once and used for both.
 */
public record UnpackedProposal(
        SignedProposal signed,
        Header header,
        ChannelHeader channelHeader,
        SignatureHeader signatureHeader,
        String chaincodeName,
        ChaincodeInvocationSpec invocation,
        ByteString transientFreePayload,
        byte[] proposalHash) {

    public String channelId() {
        return channelHeader.getChannelId();
    }

    public String txId() {
        return channelHeader.getTxId();
    }

    /** Throws {@link IllegalArgumentException} saying which part is malformed. */
    public static UnpackedProposal unpack(SignedProposal signed) {
        try {
            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
            ChaincodeHeaderExtension extension = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension());
            if (!extension.hasChaincodeId()
                    || extension.getChaincodeId().getName().isEmpty()) {
                throw new IllegalArgumentException("ChaincodeHeaderExtension.ChaincodeId is nil");
            }
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            if (!invocation.hasChaincodeSpec() || !invocation.getChaincodeSpec().hasInput()) {
                throw new IllegalArgumentException("chaincode invocation spec did not contain chaincode spec input");
            }
            ByteString transientFree = ChaincodeProposalPayload.newBuilder()
                    .setInput(payload.getInput())
                    .build()
                    .toByteString();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(header.getChannelHeader().asReadOnlyByteBuffer());
            sha.update(header.getSignatureHeader().asReadOnlyByteBuffer());
            sha.update(transientFree.asReadOnlyByteBuffer());
            return new UnpackedProposal(
                    signed,
                    header,
                    channelHeader,
                    signatureHeader,
                    extension.getChaincodeId().getName(),
                    invocation,
                    transientFree,
                    sha.digest());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed proposal: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
