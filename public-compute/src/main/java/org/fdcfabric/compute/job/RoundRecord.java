package org.fdcfabric.compute.job;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code job:RecordRound} writes for one round ({@code round~{jobId}~{round}}). Numbers that are not
 * integers are decimals, since the chain's canonical JSON has no floating point.
 *
 * @param participants accepted updates, sorted by dataset id
 * @param absences sampled centers that did not count (stragglers, refusals, rejections)
 * @param aggregateModelHash SHA-256 of the aggregated model's wire bytes
 * @param previousModelHash the model this round started from
 * @param distance ||w_p - w_(p-1)||
 * @param metrics sample-weighted local training metrics (e.g. {@code train_loss})
 * @param converged whether the distance reached the job's epsilon
 */
public record RoundRecord(
        String jobId,
        int round,
        List<Participation> participants,
        List<Absence> absences,
        String aggregateModelHash,
        String previousModelHash,
        BigDecimal distance,
        Map<String, BigDecimal> metrics,
        boolean converged) {
    public RoundRecord {
        Objects.requireNonNull(jobId, "jobId");
        participants = List.copyOf(participants);
        absences = List.copyOf(absences);
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        if (round < 1) {
            throw new IllegalArgumentException("rounds count from 1, was " + round);
        }
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a recorded round has at least one participant");
        }
    }
}
