package org.fdcfabric.compute.aggregation.robust;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.learning.training.ModelWeights;

/**
 * Where a robust rule plugs into the coordinator's round, in place of {@code new FedAvg().average(accepted)}: the
 * accepted updates become deltas from the round's global model, the rule aggregates them, and the aggregate delta
 * moves the global model. The verdicts name each update by its dataset id, for the round record.
 */
public final class RobustModelAggregation {
    private final RobustAggregator rule;

    public RobustModelAggregation(RobustAggregator rule) {
        this.rule = rule;
    }

    /** The next global model and what the rule did with each update. */
    public record Result(ModelWeights model, RobustAggregate detail) {}

    /**
     * @throws IllegalArgumentException if an update's model spec or schema differs from the global model's
     */
    public Result aggregate(ModelWeights global, List<WeightedUpdate> updates) {
        float[] base = global.values();
        List<CenterUpdate> deltas = new ArrayList<>(updates.size());
        for (WeightedUpdate update : updates) {
            ModelWeights w = update.weights();
            if (!w.spec().equals(global.spec()) || !w.schemaHash().equals(global.schemaHash())) {
                throw new IllegalArgumentException(
                        "update of " + update.datasetId() + " has another model spec or schema than the global model");
            }
            float[] delta = new float[base.length];
            for (int j = 0; j < delta.length; j++) {
                delta[j] = w.valueAt(j) - base[j];
            }
            deltas.add(new CenterUpdate(update.datasetId(), update.samples(), delta));
        }
        RobustAggregate detail = rule.aggregate(deltas);
        float[] step = detail.delta();
        for (int j = 0; j < base.length; j++) {
            base[j] += step[j];
        }
        return new Result(ModelWeights.of(global.spec(), global.schemaHash(), base), detail);
    }
}
