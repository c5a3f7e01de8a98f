package org.fdcfabric.client.tx;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard a submit tries. A read conflict (MVCC or phantom) means another transaction changed what this one read
 * between endorsement and commit, so a fresh proposal usually succeeds: up to {@code maxAttempts} proposals,
 * with exponential backoff and jitter between them so that competing clients spread out. A commit-status call
 * that times out is repeated for the same transaction id up to {@code commitStatusPolls} times.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int commitStatusPolls) {

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 100], was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (commitStatusPolls < 1 || commitStatusPolls > 100) {
            throw new IllegalArgumentException("commitStatusPolls must be in [1, 100], was " + commitStatusPolls);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), 3);
    }

    /** The pause before attempt {@code nextAttempt} (2 or later): half fixed, half random ("equal jitter"). */
    Duration backoffBefore(int nextAttempt) {
        long base = initialBackoff.toMillis() << Math.min(20, nextAttempt - 2);
        long capped = Math.min(base, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(
                half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
    }
}
