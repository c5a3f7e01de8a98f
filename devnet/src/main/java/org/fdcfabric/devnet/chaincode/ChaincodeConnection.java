package org.fdcfabric.devnet.chaincode;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * One peer's {@code Connect} stream to a chaincode server, as {@code extcc_handler.go} opens it: the chaincode
 * sends REGISTER, the peer answers REGISTERED then READY, and from then on transactions are multiplexed by
 * {@code channel_id + txid}. A second concurrent execution of the same channel and txid is refused, as Fabric's
 * {@code transaction_contexts.go} does. A broken stream fails its transactions with "chaincode stream terminated"
 * and is reopened on the next execution.
 */
final class ChaincodeConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChaincodeConnection.class.getName());
    static final Duration EXECUTE_TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final ShimRequests requests;
    private final ManagedChannel channel;
    private final ExecutorService invocations = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaincode-invoke");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private Stream stream;
    private boolean closed;

    private record Running(TransactionContext context, CompletableFuture<ChaincodeMessage> result) {}

    ChaincodeConnection(String host, int port, ShimRequests requests) {
        this.host = host;
        this.port = port;
        this.requests = requests;
        // Shim requests are answered on the transport thread: state reads and writes touch only the in-memory
        // simulation and an MVStore snapshot, and a hop to a pool thread per message cost more than the answer.
        // INVOKE_CHAINCODE waits on another stream, so it goes to its own thread (see Stream.onNext).
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .directExecutor()
                .usePlaintext()
                .maxInboundMessageSize(100 * 1024 * 1024)
                .build();
    }

    /** Opens the stream and completes the handshake, or throws after {@code timeout}. */
    synchronized void connect(Duration timeout) throws ChaincodeUnavailableException {
        if (closed) {
            throw new ChaincodeUnavailableException("connection to chaincode at " + host + ":" + port + " is closed");
        }
        if (stream != null && !stream.broken) {
            return;
        }
        Stream next = new Stream();
        next.outbound = ChaincodeGrpc.newStub(channel).connect(next);
        try {
            next.registered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            next.cancel();
            throw new ChaincodeUnavailableException("chaincode at " + host + ":" + port + " did not register: "
                    + (e.getCause() == null ? "timeout" : e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.cancel();
            throw new ChaincodeUnavailableException("interrupted while connecting to chaincode");
        }
        stream = next;
    }

    /** Sends TRANSACTION and completes with the chaincode's COMPLETED or ERROR message. */
    CompletableFuture<ChaincodeMessage> execute(TransactionContext context, ChaincodeInput input) {
        Stream current;
        try {
            connect(EXECUTE_TIMEOUT);
            synchronized (this) {
                current = stream;
            }
        } catch (ChaincodeUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
        String key = key(context.channelId(), context.txId());
        CompletableFuture<ChaincodeMessage> result = new CompletableFuture<>();
        if (running.putIfAbsent(key, new Running(context, result)) != null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("txid: " + context.txId() + "(" + context.channelId() + ") exists"));
        }
        result.whenComplete((message, failure) -> {
            running.remove(key);
            context.closeAll();
        });
        current.send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.TRANSACTION)
                .setPayload(input.toByteString())
                .setTxid(context.txId())
                .setChannelId(context.channelId())
                .setProposal(context.proposal())
                .build());
        return result.orTimeout(EXECUTE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (stream != null) {
                stream.cancel();
            }
        }
        channel.shutdownNow();
        invocations.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(String channelId, String txId) {
        return channelId + '\u0000' + txId;
    }

    private final class Stream implements StreamObserver<ChaincodeMessage> {
        final CompletableFuture<Void> registered = new CompletableFuture<>();
        StreamObserver<ChaincodeMessage> outbound;
        volatile boolean broken;

        synchronized void send(ChaincodeMessage message) {
            if (broken) {
                return;
            }
            try {
                outbound.onNext(message);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "chaincode stream send failed", e);
            }
        }

        synchronized void cancel() {
            if (!broken) {
                broken = true;
                outbound.onError(
                        io.grpc.Status.CANCELLED.withDescription("peer closed").asRuntimeException());
            }
        }

        @Override
        public void onNext(ChaincodeMessage message) {
            switch (message.getType()) {
                case REGISTER -> register(message);
                case KEEPALIVE -> {
                    // the shim answers nothing we need; Fabric's peer ignores them too
                }
                case COMPLETED, ERROR -> {
                    Running tx = running.get(key(message.getChannelId(), message.getTxid()));
                    if (tx != null) {
                        tx.result().complete(message);
                    }
                }
                default -> {
                    Running tx = running.get(key(message.getChannelId(), message.getTxid()));
                    if (tx == null) {
                        send(ShimRequests.error(message, "transaction context not found"));
                        return;
                    }
                    if (message.getType() == ChaincodeMessage.Type.INVOKE_CHAINCODE) {
                        invocations.execute(
                                () -> requests.handle(message, tx.context()).thenAccept(this::send));
                    } else {
                        requests.handle(message, tx.context()).thenAccept(this::send);
                    }
                }
            }
        }

        private void register(ChaincodeMessage message) {
            try {
                if (ChaincodeID.parseFrom(message.getPayload()).getName().isEmpty()) {
                    registered.completeExceptionally(new IllegalStateException("chaincode registered without a name"));
                    return;
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                registered.completeExceptionally(e);
                return;
            }
            send(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.REGISTERED)
                    .build());
            send(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.READY)
                    .build());
            registered.complete(null);
        }

        @Override
        public void onError(Throwable t) {
            terminated();
        }

        @Override
        public void onCompleted() {
            terminated();
        }

        private void terminated() {
            broken = true;
            registered.completeExceptionally(new IllegalStateException("chaincode stream terminated"));
            running.values().forEach(tx -> tx.result()
                    .completeExceptionally(new IllegalStateException("chaincode stream terminated")));
        }
    }
}
