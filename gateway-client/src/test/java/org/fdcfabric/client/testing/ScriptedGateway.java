package org.fdcfabric.client.testing;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A Fabric {@code gateway.Gateway} service that answers from scripts, for the retry and error-mapping tests
 * only: each RPC takes the next scripted outcome (or succeeds when its script is empty) and records the
 * transaction ids it saw. Endorse answers with a prepared transaction built the way Fabric's gateway builds it,
 * so the real SDK parses the result out of it.
 */
public final class ScriptedGateway extends GatewayGrpc.GatewayImplBase {
    /** A scripted answer: a result payload, a validation code, or a gRPC failure. */
    public record Outcome(byte[] payload, TxValidationCode code, StatusRuntimeException error) {
        public static Outcome result(String json) {
            return new Outcome(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null);
        }

        public static Outcome status(TxValidationCode code) {
            return new Outcome(null, code, null);
        }

        public static Outcome failure(StatusRuntimeException error) {
            return new Outcome(null, null, error);
        }
    }

    private final Deque<Outcome> evaluate = new ArrayDeque<>();
    private final Deque<Outcome> endorse = new ArrayDeque<>();
    private final Deque<Outcome> submit = new ArrayDeque<>();
    private final Deque<Outcome> commitStatus = new ArrayDeque<>();
    private final List<String> endorsedTxIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> submittedTxIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> polledTxIds = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> evaluatedArgs = Collections.synchronizedList(new ArrayList<>());

    public synchronized ScriptedGateway onEvaluate(Outcome... outcomes) {
        evaluate.addAll(List.of(outcomes));
        return this;
    }

    public synchronized ScriptedGateway onEndorse(Outcome... outcomes) {
        endorse.addAll(List.of(outcomes));
        return this;
    }

    public synchronized ScriptedGateway onSubmit(Outcome... outcomes) {
        submit.addAll(List.of(outcomes));
        return this;
    }

    public synchronized ScriptedGateway onCommitStatus(Outcome... outcomes) {
        commitStatus.addAll(List.of(outcomes));
        return this;
    }

    public List<String> endorsedTxIds() {
        return List.copyOf(endorsedTxIds);
    }

    public List<String> submittedTxIds() {
        return List.copyOf(submittedTxIds);
    }

    public List<String> polledTxIds() {
        return List.copyOf(polledTxIds);
    }

    /** The chaincode arguments (transaction name first) of each evaluate call. */
    public List<List<String>> evaluatedArgs() {
        return List.copyOf(evaluatedArgs);
    }

    /** A gateway failure with one error detail per node, as Fabric reports failing peers and orderers. */
    public static StatusRuntimeException failure(io.grpc.Status.Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (ErrorDetail d : details) {
            status.addDetails(Any.pack(d));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    public static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(address)
                .setMspId(mspId)
                .setMessage(message)
                .build();
    }

    private synchronized Outcome next(Deque<Outcome> script) {
        return script.pollFirst();
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> response) {
        evaluatedArgs.add(arguments(request.getProposedTransaction().getProposalBytes()));
        Outcome outcome = next(evaluate);
        if (outcome != null && outcome.error() != null) {
            response.onError(outcome.error());
            return;
        }
        byte[] payload = outcome == null ? new byte[0] : outcome.payload();
        response.onNext(EvaluateResponse.newBuilder()
                .setResult(Response.newBuilder().setStatus(200).setPayload(ByteString.copyFrom(payload)))
                .build());
        response.onCompleted();
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> response) {
        endorsedTxIds.add(request.getTransactionId());
        Outcome outcome = next(endorse);
        if (outcome != null && outcome.error() != null) {
            response.onError(outcome.error());
            return;
        }
        byte[] payload = outcome == null ? new byte[0] : outcome.payload();
        try {
            Proposal proposal =
                    Proposal.parseFrom(request.getProposedTransaction().getProposalBytes());
            response.onNext(EndorseResponse.newBuilder()
                    .setPreparedTransaction(prepared(Header.parseFrom(proposal.getHeader()), payload))
                    .build());
            response.onCompleted();
        } catch (InvalidProtocolBufferException e) {
            response.onError(io.grpc.Status.INVALID_ARGUMENT
                    .withDescription(e.getMessage())
                    .asRuntimeException());
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> response) {
        submittedTxIds.add(request.getTransactionId());
        Outcome outcome = next(submit);
        if (outcome != null && outcome.error() != null) {
            response.onError(outcome.error());
            return;
        }
        response.onNext(SubmitResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> response) {
        try {
            polledTxIds.add(CommitStatusRequest.parseFrom(request.getRequest()).getTransactionId());
        } catch (InvalidProtocolBufferException e) {
            response.onError(io.grpc.Status.INVALID_ARGUMENT
                    .withDescription(e.getMessage())
                    .asRuntimeException());
            return;
        }
        Outcome outcome = next(commitStatus);
        if (outcome != null && outcome.error() != null) {
            response.onError(outcome.error());
            return;
        }
        TxValidationCode code = outcome == null ? TxValidationCode.VALID : outcome.code();
        response.onNext(CommitStatusResponse.newBuilder()
                .setResult(code)
                .setBlockNumber(polledTxIds.size())
                .build());
        response.onCompleted();
    }

    private static Envelope prepared(Header header, byte[] result) {
        ChaincodeAction action = ChaincodeAction.newBuilder()
                .setResponse(Response.newBuilder().setStatus(200).setPayload(ByteString.copyFrom(result)))
                .build();
        ProposalResponsePayload responsePayload = ProposalResponsePayload.newBuilder()
                .setExtension(action.toByteString())
                .build();
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setAction(
                        ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload.toByteString()))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(header.getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(header)
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    private static List<String> arguments(ByteString proposalBytes) {
        try {
            Proposal proposal = Proposal.parseFrom(proposalBytes);
            var payload = org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            var spec = org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec.parseFrom(payload.getInput());
            return spec.getChaincodeSpec().getInput().getArgsList().stream()
                    .map(ByteString::toStringUtf8)
                    .toList();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
