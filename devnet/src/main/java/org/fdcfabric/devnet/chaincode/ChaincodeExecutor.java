package org.fdcfabric.devnet.chaincode;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.fdcfabric.devnet.ledger.StateSnapshot;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One org peer's chaincode support: its own connection to each chaincode server (so endorsing the same txid on
 * several peers never collides in the shim), execution of a transaction against a simulation, and
 * chaincode-to-chaincode calls: on the same channel the callee shares the caller's simulation under its own
 * namespace; on another channel it runs on a throw-away simulation of that channel, so it is effectively a
 * read-only query whose writes are lost ({@code handler.go: HandleInvokeChaincode}).
 */
public final class ChaincodeExecutor implements ChaincodeCalls, AutoCloseable {
    /** A chaincode server's address for one chaincode on one channel. */
    public record Endpoint(String channelId, String chaincodeName, String host, int port) {}

    private final Map<String, ChaincodeConnection> connections = new ConcurrentHashMap<>();
    private final ChannelAccess channels;

    public ChaincodeExecutor(Iterable<Endpoint> endpoints, ChannelAccess channels) {
        this.channels = channels;
        ShimRequests requests = new ShimRequests(this);
        for (Endpoint endpoint : endpoints) {
            connections.put(
                    key(endpoint.channelId(), endpoint.chaincodeName()),
                    new ChaincodeConnection(endpoint.host(), endpoint.port(), requests));
        }
    }

    /** Connects to every chaincode server now, so the first transaction does not pay for the handshake. */
    public void connectAll(Duration timeout) throws ChaincodeUnavailableException {
        for (ChaincodeConnection connection : connections.values()) {
            connection.connect(timeout);
        }
    }

    public boolean isDefined(String channelId, String chaincodeName) {
        return connections.containsKey(key(channelId, chaincodeName));
    }

    /** Runs one transaction of {@code chaincodeName} and waits for its outcome (at most 30 s). */
    public ChaincodeOutcome execute(
            String channelId,
            String chaincodeName,
            String txId,
            SignedProposal proposal,
            ChaincodeInput input,
            TxSimulation simulation) {
        ChaincodeConnection connection = connections.get(key(channelId, chaincodeName));
        if (connection == null) {
            return ChaincodeOutcome.failure("make sure the chaincode " + chaincodeName
                    + " has been successfully defined on channel " + channelId + " and try again");
        }
        TransactionContext context = new TransactionContext(channelId, txId, chaincodeName, proposal, simulation);
        ChaincodeMessage message;
        try {
            message = connection.execute(context, input).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ChaincodeOutcome.failure("interrupted while executing transaction");
        } catch (ExecutionException e) {
            return ChaincodeOutcome.failure(failureMessage(e.getCause()));
        }
        return outcome(message, chaincodeName, txId);
    }

    @Override
    public CompletableFuture<ChaincodeMessage> invoke(
            TransactionContext caller, String targetChannel, String chaincodeName, ChaincodeInput input) {
        ChaincodeConnection connection = connections.get(key(targetChannel, chaincodeName));
        if (connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "chaincode " + chaincodeName + " is not defined on channel " + targetChannel));
        }
        if (!channels.mayInvoke(targetChannel, caller.proposal())) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "access denied: creator does not satisfy /Channel/Application/Writers on " + targetChannel));
        }
        if (targetChannel.equals(caller.channelId())) {
            TransactionContext callee = new TransactionContext(
                    targetChannel, caller.txId(), chaincodeName, caller.proposal(), caller.simulation());
            return connection.execute(callee, input);
        }
        Optional<StateSnapshot> snapshot = channels.snapshot(targetChannel);
        if (snapshot.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("channel " + targetChannel + " not found"));
        }
        TxSimulation discarded = new TxSimulation(snapshot.get());
        TransactionContext callee =
                new TransactionContext(targetChannel, caller.txId(), chaincodeName, caller.proposal(), discarded);
        return connection.execute(callee, input).whenComplete((message, failure) -> discarded.close());
    }

    private static ChaincodeOutcome outcome(ChaincodeMessage message, String chaincodeName, String txId) {
        if (message.getType() == ChaincodeMessage.Type.ERROR) {
            return ChaincodeOutcome.failure(
                    "transaction returned with failure: " + message.getPayload().toStringUtf8());
        }
        Response response;
        try {
            response = Response.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return ChaincodeOutcome.failure("failed to unmarshal chaincode response: " + e.getMessage());
        }
        Optional<ChaincodeEvent> event = Optional.empty();
        if (message.hasChaincodeEvent()
                && !message.getChaincodeEvent().getEventName().isEmpty()) {
            event = Optional.of(message.getChaincodeEvent().toBuilder()
                    .setChaincodeId(chaincodeName)
                    .setTxId(txId)
                    .build());
        }
        return new ChaincodeOutcome(response, event, false);
    }

    private static String failureMessage(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return "timeout expired while executing transaction";
        }
        return String.valueOf(cause.getMessage());
    }

    @Override
    public void close() {
        connections.values().forEach(ChaincodeConnection::close);
    }

    private static String key(String channelId, String chaincodeName) {
        return channelId + '\u0000' + chaincodeName;
    }
}
