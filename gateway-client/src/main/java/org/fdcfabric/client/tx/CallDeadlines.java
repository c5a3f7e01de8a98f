package org.fdcfabric.client.tx;

import java.time.Duration;

/** Per-call deadlines of the four Gateway calls. */
public record CallDeadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {

    public CallDeadlines {
        for (Duration d : new Duration[] {evaluate, endorse, submit, commitStatus}) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("every deadline must be positive");
            }
        }
    }

    /** Evaluate 5 s, endorse 15 s, submit 5 s, commit status 60 s. */
    public static CallDeadlines defaults() {
        return new CallDeadlines(
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }
}
