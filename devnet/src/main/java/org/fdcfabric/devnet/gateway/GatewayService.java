package org.fdcfabric.devnet.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.ledger.Orderer;
import org.fdcfabric.devnet.ledger.TxStatus;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.devnet.peer.Peer;
import org.fdcfabric.devnet.peer.ProposalOutcome;
import org.fdcfabric.devnet.peer.UnpackedProposal;
import org.fdcfabric.devnet.policy.ChaincodePolicies;
import org.fdcfabric.devnet.policy.ChannelAccessControl;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * The embedded gateway of the devnet's peers ({@code fabric/internal/pkg/gateway}). Evaluate runs on one peer
 * (the gateway's own org first, or the requested target orgs); Endorse collects endorsements from the peers of a
 * layout that satisfies the chaincode's policy (or from the requested orgs), requires byte-identical proposal
 * response payloads, and assembles the unsigned transaction envelope; Submit hands the signed envelope to the
 * orderer; CommitStatus and ChaincodeEvents read the committing peer's ledger.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase implements AutoCloseable {
    private final List<Peer> peers;
    private final Map<String, ChannelLedger> ledgers;
    private final Map<String, CommitWaiters> waiters = new LinkedHashMap<>();
    private final ChaincodePolicies policies;
    private final ChannelAccessControl acl;
    private final IdentityVerifier identities;
    private final Orderer orderer;
    private final String ordererAddress;
    private final String ordererMspId;
    private final ExecutorService executor;

    /**
     * @param peers the org peers, the gateway's own org first
     * @param executor runs endorsements in parallel and the event streams
     */
    public GatewayService(
            List<Peer> peers,
            Map<String, ChannelLedger> ledgers,
            ChaincodePolicies policies,
            ChannelAccessControl acl,
            IdentityVerifier identities,
            Orderer orderer,
            String ordererAddress,
            String ordererMspId,
            ExecutorService executor) {
        this.peers = List.copyOf(peers);
        this.ledgers = Map.copyOf(ledgers);
        this.policies = policies;
        this.acl = acl;
        this.identities = identities;
        this.orderer = orderer;
        this.ordererAddress = ordererAddress;
        this.ordererMspId = ordererMspId;
        this.executor = executor;
        ledgers.forEach((channel, ledger) -> waiters.put(channel, new CommitWaiters(ledger)));
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> observer) {
        try {
            UnpackedProposal proposal = unpack(request.getProposedTransaction());
            List<Peer> candidates = candidates(proposal.channelId(), request.getTargetOrganizationsList());
            List<ErrorDetail> details = new ArrayList<>();
            Status.Code lastCode = Status.Code.UNAVAILABLE;
            for (Peer peer : candidates) {
                ProposalOutcome outcome = peer.evaluate(proposal);
                Failure failure = classify(outcome);
                if (failure == null) {
                    ProposalResponse response = ((ProposalOutcome.Answered) outcome).response();
                    observer.onNext(EvaluateResponse.newBuilder()
                            .setResult(response.getResponse().toBuilder()
                                    .setPayload(chaincodeAction(response.getPayload())
                                            .getResponse()
                                            .getPayload()))
                            .build());
                    observer.onCompleted();
                    return;
                }
                ErrorDetail detail = GatewayErrors.detail(peer.address(), peer.mspId(), failure.message());
                if (!failure.retryable()) {
                    throw GatewayErrors.error(
                            failure.code(),
                            "evaluate call to endorser returned error: " + failure.message(),
                            List.of(detail));
                }
                details.add(detail);
                lastCode = failure.code();
            }
            if (candidates.isEmpty()) {
                throw GatewayErrors.error(
                        Status.Code.UNAVAILABLE,
                        "no peers available to evaluate chaincode " + proposal.chaincodeName() + " in channel "
                                + proposal.channelId());
            }
            throw GatewayErrors.error(
                    lastCode, "failed to evaluate transaction, see attached details for more info", details);
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> observer) {
        try {
            UnpackedProposal proposal = unpack(request.getProposedTransaction());
            List<Peer> endorsers = endorsers(proposal, request.getEndorsingOrganizationsList());
            List<CompletableFuture<ProposalOutcome>> running = endorsers.stream()
                    .map(peer -> CompletableFuture.supplyAsync(() -> peer.process(proposal), executor))
                    .toList();
            List<ErrorDetail> details = new ArrayList<>();
            List<ProposalResponse> endorsed = new ArrayList<>();
            for (int i = 0; i < endorsers.size(); i++) {
                Peer peer = endorsers.get(i);
                ProposalOutcome outcome = running.get(i).join();
                Failure failure = classify(outcome);
                if (failure != null) {
                    details.add(GatewayErrors.detail(peer.address(), peer.mspId(), failure.message()));
                    continue;
                }
                ProposalResponse response = ((ProposalOutcome.Answered) outcome).response();
                if (!endorsed.isEmpty() && !endorsed.get(0).getPayload().equals(response.getPayload())) {
                    details.add(GatewayErrors.detail(
                            peer.address(), peer.mspId(), "ProposalResponsePayloads do not match"));
                    continue;
                }
                endorsed.add(response);
            }
            if (endorsed.isEmpty()) {
                throw GatewayErrors.error(
                        Status.Code.ABORTED,
                        "failed to endorse transaction, see attached details for more info",
                        details);
            }
            if (!details.isEmpty()) {
                throw GatewayErrors.error(
                        Status.Code.ABORTED,
                        "failed to collect enough transaction endorsements, see attached details for more info",
                        details);
            }
            observer.onNext(EndorseResponse.newBuilder()
                    .setPreparedTransaction(envelope(proposal, endorsed))
                    .build());
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> observer) {
        try {
            Envelope envelope = request.getPreparedTransaction();
            if (envelope.getSignature().isEmpty()) {
                throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed");
            }
            org.hyperledger.fabric.protos.common.Status status = orderer.broadcast(request.getChannelId(), envelope);
            if (status != org.hyperledger.fabric.protos.common.Status.SUCCESS) {
                String message = "received unsuccessful response from orderer: status=" + status.name() + ", info=";
                ErrorDetail detail = GatewayErrors.detail(ordererAddress, ordererMspId, message);
                if (status.getNumber() >= 400 && status.getNumber() < 500) {
                    throw GatewayErrors.error(Status.Code.ABORTED, message, List.of(detail));
                }
                throw GatewayErrors.error(
                        Status.Code.UNAVAILABLE, "no orderers could successfully process transaction", List.of(detail));
            }
            observer.onNext(SubmitResponse.getDefaultInstance());
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> observer) {
        try {
            CommitStatusRequest request = parse(() -> CommitStatusRequest.parseFrom(signed.getRequest()));
            String channelId = request.getChannelId();
            authorizeReader(channelId, request.getIdentity(), signed.getRequest(), signed.getSignature());
            CompletableFuture<TxStatus> status = waiters.get(channelId).await(request.getTransactionId());
            Context.current().addListener(context -> status.cancel(false), Runnable::run);
            status.whenComplete((found, failure) -> {
                if (failure == null) {
                    observer.onNext(CommitStatusResponse.newBuilder()
                            .setResult(found.code())
                            .setBlockNumber(found.blockNumber())
                            .build());
                    observer.onCompleted();
                } else if (!(failure instanceof CancellationException)) {
                    observer.onError(GatewayErrors.error(Status.Code.ABORTED, String.valueOf(failure.getMessage())));
                }
            });
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> observer) {
        try {
            ChaincodeEventsRequest request = parse(() -> ChaincodeEventsRequest.parseFrom(signed.getRequest()));
            String channelId = request.getChannelId();
            authorizeReader(channelId, request.getIdentity(), signed.getRequest(), signed.getSignature());
            ChannelLedger ledger = ledgers.get(channelId);
            long start = startBlock(ledger, request);
            executor.execute(new ChaincodeEventStream(
                    ledger, request.getChaincodeId(), start, request.getAfterTransactionId(), (ServerCallStreamObserver<
                                    ChaincodeEventsResponse>)
                            observer));
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    private static long startBlock(ChannelLedger ledger, ChaincodeEventsRequest request) {
        if (!request.getAfterTransactionId().isEmpty()) {
            Optional<TxStatus> after = ledger.txStatus(request.getAfterTransactionId());
            if (after.isPresent()) {
                return after.get().blockNumber();
            }
        }
        SeekPosition position = request.getStartPosition();
        return switch (position.getTypeCase()) {
            case TYPE_NOT_SET, NEXT_COMMIT -> ledger.height();
            case SPECIFIED -> position.getSpecified().getNumber();
            default ->
                throw GatewayErrors.error(
                        Status.Code.INVALID_ARGUMENT, "invalid start position type: " + position.getTypeCase());
        };
    }

    private void authorizeReader(String channelId, ByteString identity, ByteString message, ByteString signature) {
        if (!ledgers.containsKey(channelId) || !acl.hasChannel(channelId)) {
            throw GatewayErrors.error(Status.Code.NOT_FOUND, "channel " + channelId + " not found");
        }
        Optional<VerifiedIdentity> requester =
                acl.authenticate(channelId, identity.toByteArray(), message.toByteArray(), signature.toByteArray());
        if (requester.isEmpty() || !acl.isReader(channelId, requester.get())) {
            throw GatewayErrors.error(
                    Status.Code.PERMISSION_DENIED,
                    "failed evaluating policy on signed data during check policy [/Channel/Application/Readers]");
        }
    }

    private List<Peer> candidates(String channelId, List<String> targetOrgs) {
        List<Peer> onChannel = peers.stream()
                .filter(peer ->
                        identities.verify(channelId, peer.serializedIdentity()).isPresent())
                .toList();
        if (targetOrgs.isEmpty()) {
            return onChannel;
        }
        return onChannel.stream()
                .filter(peer -> targetOrgs.contains(peer.mspId()))
                .toList();
    }

    private List<Peer> endorsers(UnpackedProposal proposal, List<String> endorsingOrgs) {
        List<Peer> onChannel = candidates(proposal.channelId(), endorsingOrgs);
        if (onChannel.isEmpty()) {
            throw GatewayErrors.error(
                    Status.Code.UNAVAILABLE,
                    "no peers available to endorse chaincode " + proposal.chaincodeName() + " in channel "
                            + proposal.channelId());
        }
        if (!endorsingOrgs.isEmpty()) {
            return onChannel;
        }
        Map<VerifiedIdentity, Peer> byIdentity = new LinkedHashMap<>();
        for (Peer peer : onChannel) {
            byIdentity.put(
                    identities
                            .verify(proposal.channelId(), peer.serializedIdentity())
                            .orElseThrow(),
                    peer);
        }
        return policies.layout(proposal.channelId(), proposal.chaincodeName(), List.copyOf(byIdentity.keySet()))
                .map(layout -> layout.stream().map(byIdentity::get).collect(Collectors.toList()))
                // no layout (undefined chaincode, unsatisfiable policy): let the own peer report why
                .orElse(List.of(onChannel.get(0)));
    }

    /** The Go gateway's {@code responseStatus}; null means a usable answer. */
    private static Failure classify(ProposalOutcome outcome) {
        if (outcome instanceof ProposalOutcome.Rejected rejected) {
            return new Failure(Status.Code.FAILED_PRECONDITION, rejected.message(), false);
        }
        ProposalResponse response = ((ProposalOutcome.Answered) outcome).response();
        Response chaincode = response.getResponse();
        if (chaincode.getStatus() >= 500 && response.getPayload().isEmpty()) {
            return new Failure(Status.Code.ABORTED, chaincode.getMessage(), true);
        }
        if (chaincode.getStatus() >= 400) {
            return new Failure(
                    Status.Code.UNKNOWN,
                    "chaincode response " + chaincode.getStatus() + ", " + chaincode.getMessage(),
                    false);
        }
        return null;
    }

    private record Failure(Status.Code code, String message, boolean retryable) {}

    /** {@code submit.go: prepareTransaction}, copying the proposal's header bytes. */
    private static Envelope envelope(UnpackedProposal proposal, List<ProposalResponse> endorsed) {
        List<Endorsement> unique = new ArrayList<>();
        List<ByteString> seen = new ArrayList<>();
        for (ProposalResponse response : endorsed) {
            if (!seen.contains(response.getEndorsement().getEndorser())) {
                seen.add(response.getEndorsement().getEndorser());
                unique.add(response.getEndorsement());
            }
        }
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(proposal.transientFreePayload())
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(endorsed.get(0).getPayload())
                        .addAllEndorsements(unique))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(proposal.header().getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(proposal.header())
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    private static ChaincodeAction chaincodeAction(ByteString proposalResponsePayload) {
        return parse(() -> ChaincodeAction.parseFrom(
                ProposalResponsePayload.parseFrom(proposalResponsePayload).getExtension()));
    }

    private static UnpackedProposal unpack(org.hyperledger.fabric.protos.peer.SignedProposal signed) {
        try {
            return UnpackedProposal.unpack(signed);
        } catch (IllegalArgumentException e) {
            throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, e.getMessage());
        }
    }

    private interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parser<T> parser) {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "malformed request: " + e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        for (CommitWaiters waiting : waiters.values()) {
            waiting.close();
        }
    }
}
