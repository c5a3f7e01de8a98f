package org.fdcfabric.compute.job;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.RoundProgress;
import org.fdcfabric.protocol.job.UpdateCommitment;

/**
 * What {@code job:RecordRound} writes for one round ({@code round~{jobId}~{round}}). Numbers that are not
 * integers are decimals, since the chain's canonical JSON has no floating point.
 *
 * <p>Not {@code protocol.job.RoundSubmission} (what the chain takes) nor {@code RoundRecord} (what it keeps): the
 * coordinator's result also says why each sampled center did not count ({@link Absence}), which the chain reduces to
 * a list of dataset ids, and it exists before any transaction id or record time does.
 *
 * @param participants accepted updates, sorted by dataset id
 * @param absences sampled centers that did not count (stragglers, refusals, rejections)
 * @param aggregateModelHash SHA-256 of the aggregated model's wire bytes
 * @param metrics sample-weighted local training metrics (e.g. {@code train_loss})
 * @param progress the model this round started from, ||w_p - w_(p-1)|| and whether it reached the job's epsilon, as
 *     the chain records them
 * @param aggregation plain or secure, the rule, the secure protocol's summary and the flagged updates; a failed
 *     secure round has no participants and keeps the previous model
 */
public record RoundResult(
        String jobId,
        int round,
        List<UpdateCommitment> participants,
        List<Absence> absences,
        String aggregateModelHash,
        Map<String, BigDecimal> metrics,
        RoundProgress progress,
        RoundAggregation aggregation) {
    public RoundResult {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(jobId, "jobId");
        participants = List.copyOf(participants);
        absences = List.copyOf(absences);
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        if (round < 1) {
            throw new IllegalArgumentException("rounds count from 1, was " + round);
        }
        if (participants.isEmpty() != aggregation.failed()) {
            throw new IllegalArgumentException(
                    aggregation.failed()
                            ? "a failed round has no participants"
                            : "a recorded round has at least one participant");
        }
    }
}
