package org.fdcfabric.protocol.job;

/**
 * A contribution to a recorded round, with the provider and pass the chain resolved for it and the center's
 * signature over its {@link RoundUsage} (which auditors verify again).
 */
public record RoundParticipant(
        String datasetId,
        String providerMsp,
        String passId,
        long samples,
        String updateCommitment,
        UsageSignature usage) {
    /** The usage statement the center signed for this contribution. */
    public RoundUsage roundUsage(String jobId, long round, String baseModelHash) {
        return new RoundUsage(jobId, round, datasetId, samples, updateCommitment, baseModelHash);
    }
}
