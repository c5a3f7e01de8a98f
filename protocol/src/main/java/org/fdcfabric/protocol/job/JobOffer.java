package org.fdcfabric.protocol.job;

import java.time.Instant;
import java.util.List;

/**
 * What a data user offers when it creates a job. Its organisation escrows {@code providerCap + computeFee}.
 *
 * @param datasetIds the datasets whose owners may accept the job (each with a pass held by the data user)
 * @param purpose must equal the purpose of every participant's pass
 * @param tokensPerSample price of one sample used in one recorded round (a "sample-round")
 * @param providerCap most tokens paid to all providers together
 * @param computeFee paid to the compute organisation on completion
 * @param computeMsp the organisation whose {@code compute} identities run and record the rounds
 * @param rounds the round budget
 * @param deadline after it anyone may cancel the job, and it can no longer be accepted, started or advanced
 */
public record JobOffer(
        String jobId,
        List<String> datasetIds,
        String purpose,
        long tokensPerSample,
        long providerCap,
        long computeFee,
        String computeMsp,
        ModelSpec model,
        long rounds,
        Instant deadline) {
    public JobOffer {
        datasetIds = datasetIds == null ? null : List.copyOf(datasetIds);
    }

    /** The tokens moved into escrow; {@link JobRules#validateOffer} guarantees that this does not overflow. */
    public long escrowAmount() {
        return Math.addExact(providerCap, computeFee);
    }
}
