package org.fdcfabric.devnet.orderer;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Fabric's {@code blockcutter.Ordered}: decides where blocks end. Not thread-safe; owned by one ordering thread.
 */
final class BlockCutter {
    private final BatchConfig config;
    private List<Envelope> pending = new ArrayList<>();
    private long pendingBytes;

    BlockCutter(BatchConfig config) {
        this.config = config;
    }

    /** Adds an envelope; returns the batches this completes (zero, one or two), in order. */
    List<List<Envelope>> ordered(Envelope envelope) {
        List<List<Envelope>> batches = new ArrayList<>(2);
        long size = envelope.getPayload().size() + envelope.getSignature().size();
        if (size > config.preferredMaxBytes()) {
            if (!pending.isEmpty()) {
                batches.add(cut());
            }
            batches.add(List.of(envelope));
            return batches;
        }
        if (pendingBytes + size > config.preferredMaxBytes()) {
            batches.add(cut());
        }
        pending.add(envelope);
        pendingBytes += size;
        if (pending.size() >= config.maxMessageCount()) {
            batches.add(cut());
        }
        return batches;
    }

    /** The envelopes waiting for the next cut, in order. */
    List<Envelope> pending() {
        return List.copyOf(pending);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    List<Envelope> cut() {
        List<Envelope> batch = List.copyOf(pending);
        pending = new ArrayList<>();
        pendingBytes = 0;
        return batch;
    }
}
