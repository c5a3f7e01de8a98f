package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * Builds an endorsed transaction envelope exactly as the gateway assembles one (FABRIC-PROTOCOL §1-§3), with
 * real signatures, plus hooks that break one thing at a time.
 */
public final class TestTx {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestMember creator;
    private final List<TestMember> endorsers = new ArrayList<>();
    private final Map<String, KVRWSet.Builder> rwSets = new LinkedHashMap<>();
    private String channelId;
    private String chaincode;
    private String chaincodeVersion = "1.0";
    private TestMember envelopeSigner;
    private int headerType = HeaderType.ENDORSER_TRANSACTION_VALUE;
    private long epoch;
    private String txIdOverride;
    private ChaincodeEvent event;
    private ByteString extensionOverride;
    private ByteString resultsOverride;
    private ByteString responsePayloadOverride;
    private ByteString actionOverride;
    private boolean wrongProposalHash;
    private boolean emptyNonce;
    private UnaryOperator<ChaincodeAction.Builder> actionHook = UnaryOperator.identity();
    private UnaryOperator<Transaction.Builder> transactionHook = UnaryOperator.identity();
    private final byte[] nonce = new byte[24];
    private Timestamp timestamp =
            Timestamp.newBuilder().setSeconds(1_790_000_000L).build();

    public TestTx(String channelId, String chaincode, TestMember creator) {
        this.channelId = channelId;
        this.chaincode = chaincode;
        this.creator = creator;
        this.envelopeSigner = creator;
        RANDOM.nextBytes(nonce);
    }

    public TestTx endorsedBy(TestMember... peers) {
        endorsers.addAll(List.of(peers));
        return this;
    }

    public TestTx write(String namespace, String key, String value) {
        rwSet(namespace).addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)));
        return this;
    }

    public TestTx writeRaw(String namespace, KVWrite write) {
        rwSet(namespace).addWrites(write);
        return this;
    }

    public TestTx delete(String namespace, String key) {
        rwSet(namespace).addWrites(KVWrite.newBuilder().setKey(key).setIsDelete(true));
        return this;
    }

    public TestTx writeMetadata(String namespace, String key, String name, String value) {
        rwSet(namespace)
                .addMetadataWrites(KVMetadataWrite.newBuilder()
                        .setKey(key)
                        .addEntries(
                                KVMetadataEntry.newBuilder().setName(name).setValue(ByteString.copyFromUtf8(value))));
        return this;
    }

    /** A read of {@code key}; {@code version == null} records that the key was absent. */
    public TestTx read(String namespace, String key, Version version) {
        rwSet(namespace).addReads(kvRead(key, version));
        return this;
    }

    /** A range read with the keys and versions the simulation saw. */
    public TestTx rangeRead(String namespace, String start, String end, boolean exhausted, Map<String, Version> seen) {
        QueryReads.Builder reads = QueryReads.newBuilder();
        seen.forEach((key, version) -> reads.addKvReads(kvRead(key, version)));
        rwSet(namespace)
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder()
                        .setStartKey(start)
                        .setEndKey(end)
                        .setItrExhausted(exhausted)
                        .setRawReads(reads));
        return this;
    }

    /** Adds an (empty) read-write set for the namespace, even if one exists already. */
    public TestTx duplicateNamespace(String namespace) {
        rwSets.put(namespace + "\u0000dup", KVRWSet.newBuilder());
        return this;
    }

    public TestTx event(String name, String payload) {
        this.event = ChaincodeEvent.newBuilder()
                .setChaincodeId(chaincode)
                .setEventName(name)
                .setPayload(ByteString.copyFromUtf8(payload))
                .build();
        return this;
    }

    public TestTx rawEvent(ChaincodeEvent rawEvent) {
        this.event = rawEvent;
        return this;
    }

    public TestTx signedBy(TestMember signer) {
        this.envelopeSigner = signer;
        return this;
    }

    public TestTx channel(String channel) {
        this.channelId = channel;
        return this;
    }

    public TestTx headerType(int type) {
        this.headerType = type;
        return this;
    }

    public TestTx epoch(long value) {
        this.epoch = value;
        return this;
    }

    public TestTx txId(String txId) {
        this.txIdOverride = txId;
        return this;
    }

    public TestTx chaincodeVersion(String version) {
        this.chaincodeVersion = version;
        return this;
    }

    public TestTx extension(ByteString bytes) {
        this.extensionOverride = bytes;
        return this;
    }

    public TestTx results(ByteString bytes) {
        this.resultsOverride = bytes;
        return this;
    }

    public TestTx responsePayload(ByteString bytes) {
        this.responsePayloadOverride = bytes;
        return this;
    }

    /** Replaces the serialized ChaincodeAction inside an otherwise correct proposal response payload. */
    public TestTx rawAction(ByteString bytes) {
        this.actionOverride = bytes;
        return this;
    }

    public TestTx wrongProposalHash() {
        this.wrongProposalHash = true;
        return this;
    }

    public TestTx emptyNonce() {
        this.emptyNonce = true;
        return this;
    }

    public TestTx action(UnaryOperator<ChaincodeAction.Builder> hook) {
        this.actionHook = hook;
        return this;
    }

    public TestTx transaction(UnaryOperator<Transaction.Builder> hook) {
        this.transactionHook = hook;
        return this;
    }

    public TestTx timestamp(long seconds) {
        this.timestamp = Timestamp.newBuilder().setSeconds(seconds).build();
        return this;
    }

    public String txId() {
        if (txIdOverride != null) {
            return txIdOverride;
        }
        MessageDigest digest = sha256();
        digest.update(emptyNonce ? new byte[0] : nonce);
        digest.update(creator.serialized().toByteArray());
        return HexFormat.of().formatHex(digest.digest());
    }

    public ByteString bytes() {
        return envelope().toByteString();
    }

    public Envelope envelope() {
        ByteString extension = extensionOverride != null
                ? extensionOverride
                : ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                        .build()
                        .toByteString();
        ByteString channelHeader = ChannelHeader.newBuilder()
                .setType(headerType)
                .setChannelId(channelId)
                .setTxId(txId())
                .setEpoch(epoch)
                .setTimestamp(timestamp)
                .setExtension(extension)
                .build()
                .toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator.serialized())
                .setNonce(emptyNonce ? ByteString.EMPTY : ByteString.copyFrom(nonce))
                .build()
                .toByteString();
        ByteString proposalPayload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder()
                        .setChaincodeSpec(ChaincodeSpec.newBuilder()
                                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                                .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("Invoke"))))
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        MessageDigest digest = sha256();
        digest.update(channelHeader.toByteArray());
        digest.update(signatureHeader.toByteArray());
        digest.update(proposalPayload.toByteArray());
        byte[] proposalHash = digest.digest();
        if (wrongProposalHash) {
            proposalHash[0] ^= 1;
        }
        TxReadWriteSet.Builder txRwSet = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        rwSets.forEach((namespace, rwSet) -> txRwSet.addNsRwset(NsReadWriteSet.newBuilder()
                .setNamespace(namespace.replace("\u0000dup", ""))
                .setRwset(rwSet.build().toByteString())));
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(
                        resultsOverride != null
                                ? resultsOverride
                                : txRwSet.build().toByteString())
                .setResponse(Response.newBuilder().setStatus(200))
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode).setVersion(chaincodeVersion));
        if (event != null) {
            action.setEvents(event.toBuilder().setTxId(txId()).build().toByteString());
        }
        ByteString responsePayload = responsePayloadOverride != null
                ? responsePayloadOverride
                : ProposalResponsePayload.newBuilder()
                        .setProposalHash(ByteString.copyFrom(proposalHash))
                        .setExtension(
                                actionOverride != null
                                        ? actionOverride
                                        : actionHook.apply(action).build().toByteString())
                        .build()
                        .toByteString();
        ChaincodeEndorsedAction.Builder endorsed =
                ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload);
        for (TestMember endorser : endorsers) {
            endorsed.addEndorsements(Endorsement.newBuilder()
                    .setEndorser(endorser.serialized())
                    .setSignature(ByteString.copyFrom(endorser.sign(
                            responsePayload.concat(endorser.serialized()).toByteArray()))));
        }
        Transaction.Builder transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(signatureHeader)
                        .setPayload(ChaincodeActionPayload.newBuilder()
                                .setChaincodeProposalPayload(proposalPayload)
                                .setAction(endorsed)
                                .build()
                                .toByteString()));
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader).setSignatureHeader(signatureHeader))
                .setData(transactionHook.apply(transaction).build().toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder()
                .setPayload(payload)
                .setSignature(ByteString.copyFrom(envelopeSigner.sign(payload.toByteArray())))
                .build();
    }

    private KVRWSet.Builder rwSet(String namespace) {
        return rwSets.computeIfAbsent(namespace, ns -> KVRWSet.newBuilder());
    }

    private static KVRead kvRead(String key, Version version) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        if (version != null) {
            read.setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                    .setBlockNum(version.blockNum())
                    .setTxNum(version.txNum()));
        }
        return read.build();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
