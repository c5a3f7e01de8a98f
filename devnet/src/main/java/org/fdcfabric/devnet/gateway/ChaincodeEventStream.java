package org.fdcfabric.devnet.gateway;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fdcfabric.devnet.ledger.BlockEvents;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * One ChaincodeEvents stream ({@code chaincodeevents.go}): from the start block on, waiting for new blocks
 * indefinitely, one response per block that has matching events. With an {@code after_transaction_id}, events are
 * skipped until the one of that transaction has been seen (and it is skipped too), exactly as Fabric 2.4.9 does.
 */
final class ChaincodeEventStream implements Runnable {
    private static final Logger LOG = Logger.getLogger(ChaincodeEventStream.class.getName());

    private final ChannelLedger ledger;
    private final String chaincodeId;
    private final ServerCallStreamObserver<ChaincodeEventsResponse> observer;
    private final Object signal = new Object();
    private String skipUntilTxId;
    private long nextBlock;
    private volatile boolean cancelled;

    ChaincodeEventStream(
            ChannelLedger ledger,
            String chaincodeId,
            long startBlock,
            String afterTxId,
            ServerCallStreamObserver<ChaincodeEventsResponse> observer) {
        this.ledger = ledger;
        this.chaincodeId = chaincodeId;
        this.nextBlock = startBlock;
        this.skipUntilTxId = afterTxId.isEmpty() ? null : afterTxId;
        this.observer = observer;
        observer.setOnCancelHandler(() -> {
            cancelled = true;
            wake();
        });
    }

    @Override
    public void run() {
        try (AutoCloseable registration = ledger.addCommitListener((channel, block) -> wake())) {
            while (!cancelled) {
                if (nextBlock < ledger.height()) {
                    List<ChaincodeEvent> events = matching(nextBlock);
                    if (!events.isEmpty()) {
                        observer.onNext(ChaincodeEventsResponse.newBuilder()
                                .setBlockNumber(nextBlock)
                                .addAllEvents(events)
                                .build());
                    }
                    nextBlock++;
                } else {
                    synchronized (signal) {
                        if (!cancelled && nextBlock >= ledger.height()) {
                            signal.wait(1000);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (Exception e) {
            LOG.log(Level.FINE, "chaincode event stream failed", e);
            fail(String.valueOf(e.getMessage()));
        }
    }

    private List<ChaincodeEvent> matching(long blockNumber) {
        List<ChaincodeEvent> matched = new ArrayList<>();
        for (ChaincodeEvent event : BlockEvents.validChaincodeEvents(ledger.block(blockNumber))) {
            if (!event.getChaincodeId().equals(chaincodeId)) {
                continue;
            }
            if (skipUntilTxId != null) {
                if (event.getTxId().equals(skipUntilTxId)) {
                    skipUntilTxId = null;
                }
                continue;
            }
            matched.add(event);
        }
        return matched;
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void fail(String message) {
        if (!cancelled) {
            try {
                observer.onError(Status.ABORTED
                        .withDescription("chaincode event stream: " + message)
                        .asRuntimeException());
            } catch (RuntimeException ignored) {
                // the call is already closed
            }
        }
    }
}
