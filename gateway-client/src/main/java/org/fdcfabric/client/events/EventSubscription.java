package org.fdcfabric.client.events;

import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.fdcfabric.client.Unreachable;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;

/**
 * A running event subscription. It reconnects from its checkpoint when the stream breaks (with backoff, giving up
 * after {@link ChaincodeEventListener#MAX_CONSECUTIVE_FAILURES} failures in a row) and stops when the handler
 * throws or {@link #close()} is called; {@link #failure()} says why it stopped on its own.
 */
public final class EventSubscription implements AutoCloseable {
    private final Network network;
    private final String chaincode;
    private final String endpoint;
    private final FileCheckpointer checkpointer;
    private final long firstBlock;
    private final EventHandler handler;
    private final Thread worker;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final AtomicReference<CloseableIterator<ChaincodeEvent>> stream = new AtomicReference<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean closing;

    EventSubscription(
            Network network,
            String chaincode,
            String endpoint,
            FileCheckpointer checkpointer,
            long firstBlock,
            EventHandler handler) {
        this.network = network;
        this.chaincode = chaincode;
        this.endpoint = endpoint;
        this.checkpointer = checkpointer;
        this.firstBlock = firstBlock;
        this.handler = handler;
        this.worker = new Thread(this::run, "fdc-events-" + network.getName() + "-" + chaincode);
        this.worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    /** Why the subscription ended on its own: the handler's exception, or the stream's last failure. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure.get());
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Waits until the subscription has stopped (on its own or after {@link #close()}). */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        int consecutiveFailures = 0;
        try {
            while (!closing) {
                try {
                    int delivered = consume();
                    if (closing) {
                        return;
                    }
                    consecutiveFailures = delivered > 0 ? 0 : consecutiveFailures + 1;
                    failure.set(new Unreachable(endpoint, "event stream of " + chaincode + " ended", null));
                } catch (GatewayRuntimeException e) {
                    if (closing || e.getStatus().getCode() == Status.Code.CANCELLED) {
                        return;
                    }
                    consecutiveFailures++;
                    failure.set(new Unreachable(
                            endpoint,
                            "event stream of " + chaincode + " broke: "
                                    + e.getStatus().getCode() + " "
                                    + e.getStatus().getDescription(),
                            e));
                }
                if (consecutiveFailures >= ChaincodeEventListener.MAX_CONSECUTIVE_FAILURES) {
                    return;
                }
                long backoff =
                        Math.min(ChaincodeEventListener.MAX_RECONNECT_BACKOFF.toMillis(), 100L << consecutiveFailures);
                if (closeRequested.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (HandlerFailed e) {
            failure.set(e.handlerError);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure.set(e);
        } finally {
            try {
                checkpointer.close();
            } catch (IOException e) {
                failure.compareAndSet(null, e);
            }
            stopped.countDown();
        }
    }

    /** Reads the stream until it ends; returns how many events were delivered. */
    private int consume() throws IOException, HandlerFailed {
        int delivered = 0;
        ChaincodeEventsRequest.Builder request = network.newChaincodeEventsRequest(chaincode);
        if (checkpointer.getBlockNumber().isPresent()) {
            request.checkpoint(checkpointer);
        } else {
            request.startBlock(firstBlock);
        }
        try (CloseableIterator<ChaincodeEvent> events = request.build().getEvents()) {
            stream.set(events);
            if (closing) {
                return 0;
            }
            while (events.hasNext()) {
                ChaincodeEvent event = events.next();
                LedgerEvent ledgerEvent = new LedgerEvent(
                        event.getChaincodeName(),
                        event.getBlockNumber(),
                        event.getTransactionId(),
                        event.getEventName(),
                        new String(event.getPayload(), StandardCharsets.UTF_8));
                try {
                    handler.onEvent(ledgerEvent);
                } catch (Exception e) {
                    throw new HandlerFailed(e);
                }
                checkpointer.checkpointChaincodeEvent(event);
                failure.set(null);
                delivered++;
            }
            return delivered;
        } finally {
            stream.set(null);
        }
    }

    /** Stops delivery and waits (briefly) for the worker; the checkpoint keeps the last delivered event. */
    @Override
    public void close() {
        closing = true;
        closeRequested.countDown();
        // Cancelling the stream wakes the worker; an interrupt could instead break a checkpoint write midway.
        CloseableIterator<ChaincodeEvent> events = stream.get();
        if (events != null) {
            events.close();
        }
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Carries a handler's exception out of the read loop without mistaking it for a stream failure. */
    private static final class HandlerFailed extends Exception {
        private final Exception handlerError;

        HandlerFailed(Exception handlerError) {
            super(handlerError);
            this.handlerError = handlerError;
        }
    }
}
