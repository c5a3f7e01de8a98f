package org.fdcfabric.protocol.job;

/**
 * One dataset's contribution to a round as the compute organisation reports it, with the center's own word for it.
 *
 * @param samples samples the update was trained on (at most the samples committed on acceptance)
 * @param commitment lowercase hex SHA-256 of the (encrypted or masked) update as received
 * @param usage the center's signature over the round's {@link RoundUsage} for this contribution; a round whose
 *     contributions are not all signed by their owners' registered center keys is refused
 */
public record UpdateCommitment(String datasetId, long samples, String commitment, UsageSignature usage) {
    /** The usage statement the center signed for this contribution to {@code round} of {@code jobId}. */
    public RoundUsage roundUsage(String jobId, long round, String baseModelHash) {
        return new RoundUsage(jobId, round, datasetId, samples, commitment, baseModelHash);
    }
}
