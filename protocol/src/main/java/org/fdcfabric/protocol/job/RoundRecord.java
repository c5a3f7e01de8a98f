package org.fdcfabric.protocol.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One recorded training round ({@code round~{jobId}~{round}}). */
public record RoundRecord(
        String jobId,
        long round,
        List<RoundParticipant> participants,
        List<String> stragglers,
        String aggregateModelHash,
        Map<String, BigDecimal> metrics,
        String recordedByMsp,
        Instant recordedAt,
        String txId) {
    public RoundRecord {
        participants = List.copyOf(participants);
        stragglers = List.copyOf(stragglers);
        metrics = Map.copyOf(metrics);
    }
}
