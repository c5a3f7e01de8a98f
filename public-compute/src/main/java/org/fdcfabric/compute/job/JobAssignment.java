package org.fdcfabric.compute.job;

import java.util.List;
import java.util.Objects;

/**
 * A funded training job as the chain holds it ({@code job~{jobId}}): the datasets (UCL ids) it trains on, the
 * purpose their passes were granted for, the compute organisation that runs it, the round budget and the plan.
 *
 * <p>Not {@code protocol.job.TrainingJob}: that is the whole on-chain record (escrow, payer, acceptances,
 * settlement) with the model terms as strings; this is the part the coordinator runs, with the datasets that
 * accepted and the terms parsed into a typed {@link TrainingPlan} once, so a bad term stops the job before round 1.
 */
public record JobAssignment(
        String jobId, String purpose, String computeMsp, List<String> datasetIds, int maxRounds, TrainingPlan plan) {
    public JobAssignment {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(computeMsp, "computeMsp");
        Objects.requireNonNull(plan, "plan");
        datasetIds = datasetIds.stream().sorted().distinct().toList();
        if (datasetIds.isEmpty()) {
            throw new IllegalArgumentException("job " + jobId + " names no datasets");
        }
        if (maxRounds < 1 || maxRounds > 100_000) {
            throw new IllegalArgumentException("round budget must be in 1..100000, was " + maxRounds);
        }
        if (plan.minQuorum() > datasetIds.size()) {
            throw new IllegalArgumentException(
                    "quorum " + plan.minQuorum() + " exceeds the job's " + datasetIds.size() + " datasets");
        }
    }
}
