package org.fdcfabric.protocol.job;

import java.time.Instant;
import java.util.List;

/**
 * How a job's escrow was emptied: the payouts always sum to {@code escrowed}.
 *
 * @param reason why the compute organisation failed the job; present for {@link JobStatus#FAILED} only
 */
public record Settlement(
        JobStatus outcome, long escrowed, List<Payout> payouts, Instant settledAt, String txId, String reason) {
    public Settlement {
        payouts = List.copyOf(payouts);
    }

    public Settlement(JobStatus outcome, long escrowed, List<Payout> payouts, Instant settledAt, String txId) {
        this(outcome, escrowed, payouts, settledAt, txId, null);
    }
}
