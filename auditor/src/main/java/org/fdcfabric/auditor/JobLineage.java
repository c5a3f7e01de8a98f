package org.fdcfabric.auditor;

import java.util.List;
import org.fdcfabric.protocol.job.JobStatus;

/**
 * A job's model lineage as the chain records it: every round's aggregate hash in order, the final model's hash
 * (the last round's aggregate) and the UCLs of the datasets that contributed.
 */
public record JobLineage(
        String jobId, JobStatus status, List<String> roundHashes, String finalModelHash, List<LineageUcl> ucls) {
    public JobLineage {
        roundHashes = List.copyOf(roundHashes);
        ucls = List.copyOf(ucls);
    }
}
