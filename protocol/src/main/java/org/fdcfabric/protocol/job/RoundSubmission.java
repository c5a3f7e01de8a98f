package org.fdcfabric.protocol.job;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What {@code job:RecordRound} takes: the round number (the next one), the contributions that arrived in time,
 * the datasets that did not (stragglers and refusals), the aggregate model's hash and its metrics.
 *
 * @param metrics named decimal metrics such as {@code accuracy} or {@code loss}; decimals, never floats
 * @param aggregation how the round was aggregated; absent means plain FedAvg (rounds recorded before modes existed)
 * @param progress the model the round started from, the distance moved and convergence; absent on rounds
 *     submitted before it was recorded
 */
public record RoundSubmission(
        long round,
        List<UpdateCommitment> contributions,
        List<String> stragglers,
        String aggregateModelHash,
        Map<String, BigDecimal> metrics,
        RoundAggregation aggregation,
        RoundProgress progress) {
    public RoundSubmission {
        contributions = contributions == null ? null : List.copyOf(contributions);
        stragglers = stragglers == null ? List.of() : List.copyOf(stragglers);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** A round without progress. */
    public RoundSubmission(
            long round,
            List<UpdateCommitment> contributions,
            List<String> stragglers,
            String aggregateModelHash,
            Map<String, BigDecimal> metrics,
            RoundAggregation aggregation) {
        this(round, contributions, stragglers, aggregateModelHash, metrics, aggregation, null);
    }

    /** A plain FedAvg round. */
    public RoundSubmission(
            long round,
            List<UpdateCommitment> contributions,
            List<String> stragglers,
            String aggregateModelHash,
            Map<String, BigDecimal> metrics) {
        this(round, contributions, stragglers, aggregateModelHash, metrics, null, null);
    }
}
