package org.fdcfabric.chaincode.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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

/**
 * What every chaincode invocation of one transaction shares: the proposal (tx id, timestamp, creator, nonce,
 * transient data), the write set of the transaction's own channel, and bookkeeping the harness reports on.
 */
final class TxContext {
    private final String txId;
    private final Instant timestamp;
    private final IssuedIdentity creator;
    private final byte[] creatorBytes;
    private final byte[] nonce;
    private final SortedMap<String, byte[]> transientData;
    private final NamespaceId target;
    private final List<byte[]> args;
    private final Simulation simulation;
    private final List<String> ledgerErrors = new ArrayList<>();
    private int openIterators;
    private SignedProposal signedProposal;

    TxContext(
            Instant timestamp,
            IssuedIdentity creator,
            byte[] nonce,
            Map<String, byte[]> transientData,
            NamespaceId target,
            List<byte[]> args) {
        this.timestamp = timestamp;
        this.creator = creator;
        this.creatorBytes = creator.serialize();
        this.nonce = nonce.clone();
        this.transientData = new TreeMap<>();
        transientData.forEach((k, v) -> this.transientData.put(k, v.clone()));
        this.target = target;
        this.args = args.stream().map(byte[]::clone).toList();
        // Fabric: txid = hex(SHA-256(nonce || creator))
        this.txId = HexFormat.of().formatHex(sha256(this.nonce, creatorBytes));
        this.simulation = new Simulation(txId);
    }

    String txId() {
        return txId;
    }

    Instant timestamp() {
        return timestamp;
    }

    byte[] creatorBytes() {
        return creatorBytes.clone();
    }

    SortedMap<String, byte[]> transientData() {
        return transientData;
    }

    NamespaceId target() {
        return target;
    }

    /**
     * The write set for a chaincode invoked on {@code channel}: the transaction's own for its channel; for another
     * channel a fresh one that is never committed, because Fabric runs cross-channel calls read-only.
     */
    Simulation simulationFor(String channel) {
        return channel.equals(target.channel()) ? simulation : new Simulation(txId);
    }

    Simulation simulation() {
        return simulation;
    }

    void iteratorOpened() {
        openIterators++;
    }

    void iteratorClosed() {
        openIterators--;
    }

    int openIterators() {
        return openIterators;
    }

    /** Remembers why the ledger refused a call: the router reports such failures only as "Unexpected error". */
    IllegalStateException ledgerError(String message) {
        ledgerErrors.add(message);
        return new IllegalStateException(message);
    }

    List<String> ledgerErrors() {
        return List.copyOf(ledgerErrors);
    }

    /** The binding the shim computes: SHA-256(nonce || creator || epoch as 8 little-endian bytes). */
    byte[] binding() {
        byte[] epoch = ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0L)
                .array();
        return sha256(nonce, creatorBytes, epoch);
    }

    /** The signed proposal a client would have sent, signed with the creator's real key. */
    SignedProposal signedProposal() {
        if (signedProposal == null) {
            signedProposal = buildSignedProposal();
        }
        return signedProposal;
    }

    private SignedProposal buildSignedProposal() {
        ChaincodeID chaincodeId =
                ChaincodeID.newBuilder().setName(target.chaincode()).build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(target.channel())
                .setTxId(txId)
                .setEpoch(0)
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(timestamp.getEpochSecond())
                        .setNanos(timestamp.getNano()))
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(chaincodeId)
                        .build()
                        .toByteString())
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creatorBytes))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        args.forEach(arg -> input.addArgs(ByteString.copyFrom(arg)));
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(ChaincodeSpec.Type.JAVA)
                        .setChaincodeId(chaincodeId)
                        .setInput(input))
                .build();
        ChaincodeProposalPayload.Builder payload =
                ChaincodeProposalPayload.newBuilder().setInput(invocation.toByteString());
        transientData.forEach((k, v) -> payload.putTransientMap(k, ByteString.copyFrom(v)));
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build()
                        .toByteString())
                .setPayload(payload.build().toByteString())
                .build();
        byte[] proposalBytes = proposal.toByteArray();
        return SignedProposal.newBuilder()
                .setProposalBytes(ByteString.copyFrom(proposalBytes))
                .setSignature(ByteString.copyFrom(creator.sign(proposalBytes)))
                .build();
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
