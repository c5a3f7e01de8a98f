package org.fdcfabric.protocol.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One recorded training round ({@code round~{jobId}~{round}}).
 *
 * @param aggregation how the round was aggregated; absent on rounds recorded before aggregation modes existed
 * @param progress the model the round started from, the distance moved and convergence, as submitted; absent on
 *     rounds recorded before it was
 */
public record RoundRecord(
        String jobId,
        long round,
        List<RoundParticipant> participants,
        List<String> stragglers,
        String aggregateModelHash,
        Map<String, BigDecimal> metrics,
        String recordedByMsp,
        Instant recordedAt,
        String txId,
        RoundAggregation aggregation,
        RoundProgress progress) {
    public RoundRecord {
        participants = List.copyOf(participants);
        stragglers = List.copyOf(stragglers);
        metrics = Map.copyOf(metrics);
    }

    /** A round without an aggregation record (plain FedAvg). */
    public RoundRecord(
            String jobId,
            long round,
            List<RoundParticipant> participants,
            List<String> stragglers,
            String aggregateModelHash,
            Map<String, BigDecimal> metrics,
            String recordedByMsp,
            Instant recordedAt,
            String txId) {
        this(
                jobId,
                round,
                participants,
                stragglers,
                aggregateModelHash,
                metrics,
                recordedByMsp,
                recordedAt,
                txId,
                null,
                null);
    }

    public boolean failed() {
        return aggregation != null && aggregation.failed();
    }
}
