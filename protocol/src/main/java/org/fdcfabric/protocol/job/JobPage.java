package org.fdcfabric.protocol.job;

import java.util.List;

/** One page of jobs in job id order; {@code bookmark} is empty after the last page. */
public record JobPage(List<TrainingJob> jobs, String bookmark) {
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
