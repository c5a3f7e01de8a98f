package org.fdcfabric.devnet.peer;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.devnet.chaincode.ChaincodeExecutor;
import org.fdcfabric.devnet.chaincode.ChaincodeOutcome;
import org.fdcfabric.devnet.chaincode.TxSimulation;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.msp.NodeSigner;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.devnet.policy.ChannelAccessControl;
import org.fdcfabric.devnet.scc.LedgerQuerier;
import org.fdcfabric.msp.IssuedIdentity;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * One org's endorsing peer ({@code fabric/core/endorser/endorser.go}). It checks a proposal in Fabric's order
 * (structure, header type, epoch, nonce and creator, txid formula, signature, creator validity, duplicate txid,
 * {@code peer/Propose} ACL), simulates it through its own chaincode connections on a snapshot of committed state,
 * and signs the {@code ProposalResponsePayload} with the default endorsement plugin's recipe: {@code
 * sign(payload || endorser)}.
 */
public final class Peer {
    private final IssuedIdentity identity;
    private final NodeSigner signer;
    private final ByteString endorser;
    private final String address;
    private final Map<String, ChannelLedger> ledgers;
    private final ChannelAccessControl acl;
    private final ChaincodeExecutor chaincodes;
    private final Map<String, String> chaincodeVersions;
    private final LedgerQuerier qscc;

    /**
     * @param address how error details name this peer (Fabric uses the peer's endpoint)
     * @param chaincodeVersions chaincode name to its definition's version, which every response carries
     * @param qscc the query system chaincode over this peer's ledgers
     */
    public Peer(
            NodeSigner signer,
            String address,
            Map<String, ChannelLedger> ledgers,
            ChannelAccessControl acl,
            ChaincodeExecutor chaincodes,
            Map<String, String> chaincodeVersions,
            LedgerQuerier qscc) {
        this.identity = signer.identity();
        this.signer = signer;
        this.endorser = ByteString.copyFrom(identity.serialize());
        this.address = address;
        this.ledgers = Map.copyOf(ledgers);
        this.acl = acl;
        this.chaincodes = chaincodes;
        this.chaincodeVersions = Map.copyOf(chaincodeVersions);
        this.qscc = qscc;
    }

    public String mspId() {
        return identity.mspId();
    }

    public String address() {
        return address;
    }

    public byte[] serializedIdentity() {
        return endorser.toByteArray();
    }

    /** Endorses: checks, simulates and signs the response with the org peer's key. */
    public ProposalOutcome process(UnpackedProposal proposal) {
        return respond(proposal, true);
    }

    /**
     * What the gateway's Evaluate needs: the same checks and simulation as {@link #process}, without the
     * endorsement signature. Fabric's peer signs here too, but its gateway drops the endorsement and returns only
     * the chaincode response, so the signature is work nobody can observe.
     */
    public ProposalOutcome evaluate(UnpackedProposal proposal) {
        return respond(proposal, false);
    }

    private ProposalOutcome respond(UnpackedProposal proposal, boolean endorse) {
        Optional<String> rejection = check(proposal);
        if (rejection.isPresent()) {
            return new ProposalOutcome.Rejected(rejection.get());
        }
        String channelId = proposal.channelId();
        String chaincode = proposal.chaincodeName();
        if (chaincode.equals(LedgerQuerier.NAME)) {
            return systemChaincodeResponse(proposal, endorse);
        }
        if (!chaincodes.isDefined(channelId, chaincode)) {
            return answered(Response.newBuilder()
                    .setStatus(500)
                    .setMessage("make sure the chaincode " + chaincode + " has been successfully defined on channel "
                            + channelId + " and try again: chaincode definition for '" + chaincode
                            + "' exists: false")
                    .build());
        }
        ChaincodeOutcome outcome;
        ByteString results;
        try (TxSimulation simulation = new TxSimulation(ledgers.get(channelId).snapshot())) {
            outcome = chaincodes.execute(
                    channelId,
                    chaincode,
                    proposal.txId(),
                    proposal.signed(),
                    proposal.invocation().getChaincodeSpec().getInput(),
                    simulation);
            results = simulation.readWriteSet().toByteString();
        }
        if (outcome.executionFailed()) {
            return answered(outcome.response());
        }
        Response response = outcome.response();
        if (response.getStatus() >= 400 && response.getStatus() < 500) {
            return answered(response);
        }
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(results)
                .setResponse(response)
                .setChaincodeId(ChaincodeID.newBuilder()
                        .setName(chaincode)
                        .setVersion(chaincodeVersions.getOrDefault(chaincode, "1.0")));
        if (response.getStatus() < 400) {
            outcome.event().ifPresent(event -> action.setEvents(event.toByteString()));
        }
        return signedResponse(proposal, action.build(), endorse);
    }

    /**
     * {@code qscc} runs without a transaction simulator ({@code acquireTxSimulator}), so its action has no read/write
     * set; errors come back as status 500 with the payload but no endorsement, as for any chaincode.
     */
    private ProposalOutcome systemChaincodeResponse(UnpackedProposal proposal, boolean endorse) {
        Response response = qscc.invoke(
                proposal.invocation().getChaincodeSpec().getInput().getArgsList(),
                proposal.signatureHeader().getCreator().toByteArray(),
                proposal.signed());
        ChaincodeAction action = ChaincodeAction.newBuilder()
                .setResponse(response)
                .setChaincodeId(
                        ChaincodeID.newBuilder().setName(LedgerQuerier.NAME).setVersion(LedgerQuerier.VERSION))
                .build();
        return signedResponse(proposal, action, endorse);
    }

    private ProposalOutcome signedResponse(UnpackedProposal proposal, ChaincodeAction action, boolean endorse) {
        Response response = action.getResponse();
        ByteString payload = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(proposal.proposalHash()))
                .setExtension(action.toByteString())
                .build()
                .toByteString();
        ProposalResponse.Builder reply = ProposalResponse.newBuilder()
                .setVersion(1)
                .setResponse(response)
                .setPayload(payload);
        if (endorse && response.getStatus() < 400) {
            reply.setEndorsement(Endorsement.newBuilder()
                    .setEndorser(endorser)
                    .setSignature(ByteString.copyFrom(
                            signer.sign(payload.concat(endorser).toByteArray()))));
        }
        return new ProposalOutcome.Answered(reply.build());
    }

    private Optional<String> check(UnpackedProposal proposal) {
        var channelHeader = proposal.channelHeader();
        var signatureHeader = proposal.signatureHeader();
        if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return Optional.of("invalid header type " + HeaderType.forNumber(channelHeader.getType()));
        }
        if (channelHeader.getEpoch() != 0) {
            return Optional.of("epoch is non-zero");
        }
        if (signatureHeader.getNonce().isEmpty()) {
            return Optional.of("nonce is empty");
        }
        if (signatureHeader.getCreator().isEmpty()) {
            return Optional.of("creator is empty");
        }
        String expectedTxId = txId(signatureHeader.getNonce(), signatureHeader.getCreator());
        if (!expectedTxId.equals(channelHeader.getTxId())) {
            return Optional.of(
                    "incorrectly computed txid '" + channelHeader.getTxId() + "' -- expected '" + expectedTxId + "'");
        }
        if (proposal.signed().getProposalBytes().isEmpty()
                || proposal.signed().getSignature().isEmpty()) {
            return Optional.of("empty signature bytes");
        }
        String channelId = proposal.channelId();
        ChannelLedger ledger = ledgers.get(channelId);
        if (ledger == null || !acl.hasChannel(channelId)) {
            return Optional.of("channel '" + channelId + "' not found");
        }
        Optional<VerifiedIdentity> creator = acl.authenticate(
                channelId,
                signatureHeader.getCreator().toByteArray(),
                proposal.signed().getProposalBytes().toByteArray(),
                proposal.signed().getSignature().toByteArray());
        if (creator.isEmpty()) {
            return Optional.of("access denied: channel [" + channelId + "] creator org unknown, creator is malformed,"
                    + " or the signature is invalid");
        }
        if (ledger.txStatus(channelHeader.getTxId()).isPresent()) {
            return Optional.of("duplicate transaction found [" + channelHeader.getTxId() + "]. Creator ["
                    + creator.get().mspId() + "]");
        }
        // system chaincodes check their own ACLs (endorser.go: preProcess)
        if (!proposal.chaincodeName().equals(LedgerQuerier.NAME) && !acl.isWriter(channelId, creator.get())) {
            return Optional.of("access denied for [propose]: [Failed evaluating policy on signed data during check"
                    + " policy [/Channel/Application/Writers]]");
        }
        return Optional.empty();
    }

    /** {@code tx_id = hex(SHA-256(nonce || creator))} ({@code protoutil.ComputeTxID}). */
    public static String txId(ByteString nonce, ByteString creator) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(nonce.asReadOnlyByteBuffer());
            sha.update(creator.asReadOnlyByteBuffer());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProposalOutcome answered(Response response) {
        return new ProposalOutcome.Answered(ProposalResponse.newBuilder()
                .setVersion(1)
                .setResponse(response)
                .build());
    }
}
