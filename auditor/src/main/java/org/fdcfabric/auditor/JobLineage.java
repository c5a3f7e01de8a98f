package org.fdcfabric.auditor;

import java.util.List;
import org.fdcfabric.protocol.job.JobStatus;

/**
 * A job's model lineage as the chain records it: every round's aggregate hash in order, the final model's hash
 * (the last round's aggregate), the UCLs of the datasets that contributed, and how each round was aggregated (for
 * information: flagged updates and failed secure rounds are not violations).
 */
public record JobLineage(
        String jobId,
        JobStatus status,
        List<String> roundHashes,
        String finalModelHash,
        List<LineageUcl> ucls,
        List<RoundNote> rounds) {
    public JobLineage {
        roundHashes = List.copyOf(roundHashes);
        ucls = List.copyOf(ucls);
        rounds = List.copyOf(rounds);
    }
}
