package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.fdcfabric.devnet.ledger.TxCheck.NsRwSet;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.devnet.policy.EndorsementPolicies;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Stage A of Fabric's commit-time validation for one envelope, in Fabric's order ({@code txvalidator/v20}
 * {@code validateTx}, {@code msgvalidation.go ValidateTransaction}, {@code plugindispatcher}): structure and
 * common header, creator and its signature, transaction id, proposal hash, channel, duplicate transaction id in
 * the ledger, chaincode ids and read-write sets, then the endorsement policy of the invoked chaincode and of
 * every namespace it writes. The first failing check decides the code. Thread-safe: stateless per call.
 */
final class TransactionValidator {
    private static final HexFormat HEX = HexFormat.of();
    private static final System.Logger LOG = System.getLogger(TransactionValidator.class.getName());

    private final String channelId;
    private final IdentityVerifier identities;
    private final EndorsementPolicies policies;

    TransactionValidator(String channelId, IdentityVerifier identities, EndorsementPolicies policies) {
        this.channelId = channelId;
        this.identities = identities;
        this.policies = policies;
    }

    TxCheck check(ByteString data, Predicate<String> committedTxId) {
        try {
            return checkEnvelope(data, committedTxId);
        } catch (RuntimeException e) {
            // An identity or policy implementation choking on hostile input must not stop the block.
            LOG.log(Level.WARNING, "validation of an envelope failed unexpectedly", e);
            return TxCheck.invalid(
                    TxValidationCode.INVALID_OTHER_REASON,
                    EnvelopeHeaders.txId(data).orElse(""));
        }
    }

    private TxCheck checkEnvelope(ByteString data, Predicate<String> committedTxId) {
        if (data.isEmpty()) {
            return TxCheck.invalid(TxValidationCode.NIL_ENVELOPE, "");
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            return TxCheck.invalid(TxValidationCode.INVALID_OTHER_REASON, "");
        }
        Payload payload;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return TxCheck.invalid(TxValidationCode.BAD_PAYLOAD, "");
        }
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            if (!payload.hasHeader()) {
                return TxCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "");
            }
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return TxCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "");
        }
        String txId = channelHeader.getTxId();
        try {
            return checkHeaders(envelope, payload, channelHeader, signatureHeader, committedTxId);
        } catch (Rejection rejection) {
            return TxCheck.invalid(rejection.code, txId);
        }
    }

    private TxCheck checkHeaders(
            Envelope envelope,
            Payload payload,
            ChannelHeader channelHeader,
            SignatureHeader signatureHeader,
            Predicate<String> committedTxId)
            throws Rejection {
        HeaderType type = HeaderType.forNumber(channelHeader.getType());
        if (type != HeaderType.ENDORSER_TRANSACTION && type != HeaderType.CONFIG && type != HeaderType.CONFIG_UPDATE) {
            throw new Rejection(TxValidationCode.BAD_COMMON_HEADER);
        }
        if (channelHeader.getEpoch() != 0
                || signatureHeader.getNonce().isEmpty()
                || signatureHeader.getCreator().isEmpty()) {
            throw new Rejection(TxValidationCode.BAD_COMMON_HEADER);
        }
        Optional<VerifiedIdentity> creator =
                identities.verify(channelId, signatureHeader.getCreator().toByteArray());
        if (creator.isEmpty()
                || !creator.get()
                        .verifySignature(
                                envelope.getPayload().toByteArray(),
                                envelope.getSignature().toByteArray())) {
            throw new Rejection(TxValidationCode.BAD_CREATOR_SIGNATURE);
        }
        if (type == HeaderType.CONFIG_UPDATE) {
            throw new Rejection(TxValidationCode.UNSUPPORTED_TX_PAYLOAD);
        }
        if (type == HeaderType.CONFIG) {
            // Only the genesis block carries configuration: the devnet has no channel config updates.
            throw new Rejection(TxValidationCode.INVALID_CONFIG_TRANSACTION);
        }
        if (!channelHeader.getTxId().equals(computeTxId(signatureHeader))) {
            throw new Rejection(TxValidationCode.BAD_PROPOSAL_TXID);
        }
        EndorsedAction endorsed = endorsedAction(payload);
        if (!channelId.equals(channelHeader.getChannelId())) {
            throw new Rejection(TxValidationCode.TARGET_CHAIN_NOT_FOUND);
        }
        if (committedTxId.test(channelHeader.getTxId())) {
            throw new Rejection(TxValidationCode.DUPLICATE_TXID);
        }
        List<NsRwSet> rwSets = dispatch(channelHeader, endorsed);
        return new TxCheck(TxValidationCode.VALID, channelHeader.getTxId(), timestamp(channelHeader), rwSets);
    }

    /** {@code validateEndorserTransaction}: one action, its header, and the proposal hash re-derived from the tx. */
    private EndorsedAction endorsedAction(Payload payload) throws Rejection {
        try {
            Transaction transaction = Transaction.parseFrom(payload.getData());
            if (transaction.getActionsCount() != 1) {
                throw new Rejection(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
            }
            TransactionAction action = transaction.getActions(0);
            SignatureHeader actionHeader = SignatureHeader.parseFrom(action.getHeader());
            if (actionHeader.getNonce().isEmpty() || actionHeader.getCreator().isEmpty()) {
                throw new Rejection(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
            }
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            if (!actionPayload.hasAction()
                    || actionPayload.getAction().getProposalResponsePayload().isEmpty()) {
                throw new Rejection(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
            }
            ByteString responsePayloadBytes = actionPayload.getAction().getProposalResponsePayload();
            ProposalResponsePayload responsePayload = ProposalResponsePayload.parseFrom(responsePayloadBytes);
            MessageDigest digest = BlockHashes.sha256();
            digest.update(payload.getHeader().getChannelHeader().asReadOnlyByteBuffer());
            digest.update(action.getHeader().asReadOnlyByteBuffer());
            digest.update(actionPayload.getChaincodeProposalPayload().asReadOnlyByteBuffer());
            if (!MessageDigest.isEqual(
                    digest.digest(), responsePayload.getProposalHash().toByteArray())) {
                throw new Rejection(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
            }
            return new EndorsedAction(actionPayload, responsePayloadBytes, responsePayload);
        } catch (InvalidProtocolBufferException e) {
            throw new Rejection(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        }
    }

    /** The plugin dispatcher's checks and the endorsement policies; returns the public read-write sets. */
    private List<NsRwSet> dispatch(ChannelHeader channelHeader, EndorsedAction endorsed) throws Rejection {
        ChaincodeHeaderExtension extension = parse(
                () -> ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension()),
                TxValidationCode.BAD_HEADER_EXTENSION);
        ChaincodeAction chaincodeAction = parse(
                () -> ChaincodeAction.parseFrom(endorsed.responsePayload().getExtension()),
                TxValidationCode.BAD_RESPONSE_PAYLOAD);
        TxReadWriteSet txRwSet =
                parse(() -> TxReadWriteSet.parseFrom(chaincodeAction.getResults()), TxValidationCode.BAD_RWSET);
        List<NsRwSet> rwSets = new ArrayList<>(txRwSet.getNsRwsetCount());
        for (NsReadWriteSet nsRwSet : txRwSet.getNsRwsetList()) {
            KVRWSet kvRwSet = parse(() -> KVRWSet.parseFrom(nsRwSet.getRwset()), TxValidationCode.BAD_RWSET);
            rwSets.add(new NsRwSet(nsRwSet.getNamespace(), kvRwSet));
        }
        if (!extension.hasChaincodeId() || !chaincodeAction.hasChaincodeId()) {
            throw new Rejection(TxValidationCode.INVALID_OTHER_REASON);
        }
        String chaincode = extension.getChaincodeId().getName();
        if (chaincode.isEmpty()
                || !chaincode.equals(chaincodeAction.getChaincodeId().getName())
                || chaincodeAction.getChaincodeId().getVersion().isEmpty()) {
            throw new Rejection(TxValidationCode.INVALID_CHAINCODE);
        }
        if (!chaincodeAction.getEvents().isEmpty()) {
            ChaincodeEvent event = parse(
                    () -> ChaincodeEvent.parseFrom(chaincodeAction.getEvents()), TxValidationCode.INVALID_OTHER_REASON);
            if (!chaincode.equals(event.getChaincodeId())) {
                throw new Rejection(TxValidationCode.INVALID_OTHER_REASON);
            }
        }
        Set<String> namespaces = new LinkedHashSet<>();
        for (NsReadWriteSet nsRwSet : txRwSet.getNsRwsetList()) {
            if (!namespaces.add(nsRwSet.getNamespace())) {
                throw new Rejection(TxValidationCode.ILLEGAL_WRITESET);
            }
            if (nsRwSet.getCollectionHashedRwsetCount() > 0) {
                // Private data collections are not part of the devnet; refuse rather than drop them silently.
                throw new Rejection(TxValidationCode.INVALID_OTHER_REASON);
            }
        }
        Set<String> policyNamespaces = new LinkedHashSet<>();
        policyNamespaces.add(chaincode);
        for (NsRwSet rwSet : rwSets) {
            if (rwSet.rwSet().getWritesCount() > 0 || rwSet.rwSet().getMetadataWritesCount() > 0) {
                policyNamespaces.add(rwSet.namespace());
            }
        }
        byte[] responsePayload = endorsed.responsePayloadBytes().toByteArray();
        for (String namespace : policyNamespaces) {
            if (!policies.isDefined(channelId, namespace)) {
                throw new Rejection(TxValidationCode.INVALID_CHAINCODE);
            }
            if (!policies.isSatisfied(
                    channelId,
                    namespace,
                    responsePayload,
                    endorsed.actionPayload().getAction().getEndorsementsList())) {
                throw new Rejection(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            }
        }
        return List.copyOf(rwSets);
    }

    /** {@code protoutil.ComputeTxID}: lower-case hex SHA-256 of nonce || creator. */
    static String computeTxId(SignatureHeader header) {
        MessageDigest digest = BlockHashes.sha256();
        digest.update(header.getNonce().asReadOnlyByteBuffer());
        digest.update(header.getCreator().asReadOnlyByteBuffer());
        return HEX.formatHex(digest.digest());
    }

    private static Timestamp timestamp(ChannelHeader header) {
        return header.hasTimestamp() ? header.getTimestamp() : Timestamp.getDefaultInstance();
    }

    private static <T> T parse(ProtoParser<T> parser, TxValidationCode code) throws Rejection {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new Rejection(code);
        }
    }

    @FunctionalInterface
    private interface ProtoParser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private record EndorsedAction(
            ChaincodeActionPayload actionPayload,
            ByteString responsePayloadBytes,
            ProposalResponsePayload responsePayload) {}

    /** A failed check; carries no stack trace because it is an expected outcome, not an error. */
    private static final class Rejection extends Exception {
        private final transient TxValidationCode code;

        Rejection(TxValidationCode code) {
            super(code.name(), null, false, false);
            this.code = code;
        }
    }
}
