package org.fdcfabric.devnet.metrics;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When each transaction still waiting for its block was accepted by Submit, so the commit listener can time
 * submit-to-commit. Bounded: a transaction that never commits (the orderer stopped) is forgotten after ten
 * minutes, and past {@link #MAX_PENDING} waiting transactions new ones go untimed rather than grow the heap.
 */
final class SubmitTimes {
    static final int MAX_PENDING = 100_000;
    private static final long FORGET_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    void submitted(String txId, long nanoTime) {
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(at -> nanoTime - at > FORGET_NANOS);
            if (pending.size() >= MAX_PENDING) {
                return;
            }
        }
        pending.put(txId, nanoTime);
    }

    OptionalLong committed(String txId) {
        Long at = pending.remove(txId);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    void forget(String txId) {
        pending.remove(txId);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
