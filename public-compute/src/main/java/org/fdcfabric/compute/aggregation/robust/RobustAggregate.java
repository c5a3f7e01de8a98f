package org.fdcfabric.compute.aggregation.robust;

import java.util.List;

/** The aggregate delta and one verdict per update, in the order the updates were given. */
public record RobustAggregate(String rule, float[] delta, List<UpdateVerdict> verdicts) {
    public RobustAggregate {
        delta = delta.clone();
        verdicts = List.copyOf(verdicts);
    }

    @Override
    public float[] delta() {
        return delta.clone();
    }

    /** Centers whose updates were not used as sent: what the round record flags. */
    public List<UpdateVerdict> flagged() {
        return verdicts.stream().filter(v -> v.verdict() != Verdict.ACCEPTED).toList();
    }
}
