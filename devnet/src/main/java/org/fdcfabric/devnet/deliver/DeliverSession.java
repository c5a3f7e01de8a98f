package org.fdcfabric.devnet.deliver;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/**
 * One Deliver stream ({@code deliver.go: Handle}): seek requests are answered one after another on the executor,
 * each ending with a status response; a status other than SUCCESS ends the stream, and so does the client closing
 * its side. Waits for blocks and for flow control wake on commits, readiness and cancellation.
 */
final class DeliverSession implements StreamObserver<Envelope>, Outlet {
    private static final Logger LOG = Logger.getLogger(DeliverSession.class.getName());

    private final ServerCallStreamObserver<DeliverResponse> responses;
    private final SeekHandler handler;
    private final Executor executor;
    private final Object signal = new Object();
    private volatile boolean cancelled;
    /** Completes with whether the stream is still open once every request received so far has been answered. */
    private CompletableFuture<Boolean> answered = CompletableFuture.completedFuture(true);

    DeliverSession(ServerCallStreamObserver<DeliverResponse> responses, SeekHandler handler, Executor executor) {
        this.responses = responses;
        this.handler = handler;
        this.executor = executor;
        responses.setOnCancelHandler(() -> {
            cancelled = true;
            wake();
        });
        responses.setOnReadyHandler(this::wake);
    }

    @Override
    public synchronized void onNext(Envelope envelope) {
        answered = answered.thenApplyAsync(open -> open && answer(envelope), executor);
    }

    @Override
    public void onError(Throwable t) {
        cancelled = true;
        wake();
    }

    @Override
    public synchronized void onCompleted() {
        answered.thenAccept(open -> {
            if (open && !cancelled) {
                responses.onCompleted();
            }
        });
    }

    private boolean answer(Envelope envelope) {
        try {
            Optional<Status> status = handler.handle(envelope, this);
            if (status.isEmpty() || cancelled) {
                return false;
            }
            responses.onNext(
                    DeliverResponse.newBuilder().setStatus(status.get()).build());
            if (status.get() != Status.SUCCESS) {
                responses.onCompleted();
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deliver stream failed", e);
            if (!cancelled) {
                responses.onError(io.grpc.Status.INTERNAL
                        .withDescription("deliver: " + e.getMessage())
                        .asRuntimeException());
            }
            return false;
        }
    }

    @Override
    public boolean send(DeliverResponse response) throws InterruptedException {
        synchronized (signal) {
            while (!cancelled && !responses.isReady()) {
                signal.wait(1000);
            }
        }
        if (cancelled) {
            return false;
        }
        responses.onNext(response);
        return true;
    }

    @Override
    public boolean awaitBlock(ChannelLedger ledger, long number) throws InterruptedException {
        if (number < ledger.height()) {
            return !cancelled;
        }
        try (AutoCloseable registration = ledger.addCommitListener((channel, block) -> wake())) {
            synchronized (signal) {
                while (!cancelled && number >= ledger.height()) {
                    signal.wait(1000);
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("removing a commit listener failed", e);
        }
        return !cancelled;
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}
