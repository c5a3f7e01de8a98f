package org.fdcfabric.datacenter.governance;

import java.util.List;
import java.util.Optional;

/** Every step a dataset went through, in order, with its counts: the dataset's governance record. */
public record GovernanceReport(String datasetId, List<String> streams, List<GovernanceStep> steps) {
    public GovernanceReport {
        streams = List.copyOf(streams);
        steps = List.copyOf(steps);
    }

    public Optional<GovernanceStep> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
