package org.fdcfabric.compute.coordinator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.compute.aggregation.FedAvg;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.compute.aggregation.robust.AggregatorSpec;
import org.fdcfabric.compute.aggregation.robust.RobustAggregators;
import org.fdcfabric.compute.aggregation.robust.RobustModelAggregation;
import org.fdcfabric.compute.aggregation.robust.UpdateVerdict;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.job.FlaggedUpdate;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.RoundAggregation;

/**
 * Aggregation of a plain round's accepted updates by the job's rule: FedAvg, or a robust rule whose verdicts on
 * updates it rejected, clipped or trimmed away become the round record's flagged updates.
 */
record PlainAggregation(ModelWeights model, RoundAggregation record) {
    static PlainAggregation aggregate(AggregatorSpec rule, ModelWeights global, List<WeightedUpdate> accepted) {
        if (rule.isPlainFedAvg()) {
            return new PlainAggregation(new FedAvg().average(accepted), record(rule, List.of()));
        }
        RobustModelAggregation.Result result;
        try {
            result = new RobustModelAggregation(RobustAggregators.of(rule)).aggregate(global, accepted);
        } catch (InvalidInputException e) {
            throw new RoundFailedException(
                    "the rule " + rule.text() + " could not aggregate the round: " + e.getMessage(),
                    List.<Absence>of());
        }
        List<FlaggedUpdate> flagged =
                result.detail().flagged().stream().map(PlainAggregation::flag).toList();
        return new PlainAggregation(result.model(), record(rule, flagged));
    }

    private static RoundAggregation record(AggregatorSpec rule, List<FlaggedUpdate> flagged) {
        Map<String, String> parameters = new TreeMap<>();
        rule.parameters()
                .forEach((k, v) ->
                        parameters.put(k, new BigDecimal(v).stripTrailingZeros().toPlainString()));
        return new RoundAggregation(
                RoundAggregation.PLAIN, rule.name(), parameters, RoundAggregation.COMPLETED, null, flagged);
    }

    private static FlaggedUpdate flag(UpdateVerdict verdict) {
        String reason = verdict.reason();
        if (reason.length() > JobRules.MAX_REASON_CHARS) {
            reason = reason.substring(0, JobRules.MAX_REASON_CHARS - 1) + "…";
        }
        return new FlaggedUpdate(verdict.centerId(), verdict.verdict().name(), verdict.norm(), reason);
    }
}
