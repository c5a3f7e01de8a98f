package org.fdcfabric.protocol.job;

import java.time.Instant;
import java.util.List;

/** How a job's escrow was emptied: the payouts always sum to {@code escrowed}. */
public record Settlement(JobStatus outcome, long escrowed, List<Payout> payouts, Instant settledAt, String txId) {
    public Settlement {
        payouts = List.copyOf(payouts);
    }
}
