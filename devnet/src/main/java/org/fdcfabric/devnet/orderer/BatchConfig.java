package org.fdcfabric.devnet.orderer;

import java.time.Duration;

/**
 * The orderer's {@code BatchSize} and {@code BatchTimeout}: a block is cut at {@code maxMessageCount} envelopes,
 * before the pending envelopes would exceed {@code preferredMaxBytes}, or {@code batchTimeout} after the first
 * pending envelope; an envelope larger than {@code absoluteMaxBytes} is refused.
 */
public record BatchConfig(int maxMessageCount, int absoluteMaxBytes, int preferredMaxBytes, Duration batchTimeout) {
    public BatchConfig {
        if (maxMessageCount < 1) {
            throw new IllegalArgumentException("maxMessageCount must be at least 1");
        }
        if (preferredMaxBytes < 1 || absoluteMaxBytes < preferredMaxBytes) {
            throw new IllegalArgumentException("need 0 < preferredMaxBytes <= absoluteMaxBytes");
        }
        if (batchTimeout == null || batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("batchTimeout must be positive");
        }
    }

    /** Fabric's {@code sampleconfig/configtx.yaml}: 500 messages, 10 MB absolute, 2 MB preferred, 2 s. */
    public static BatchConfig fabricDefaults() {
        return new BatchConfig(500, 10 * 1024 * 1024, 2 * 1024 * 1024, Duration.ofSeconds(2));
    }
}
