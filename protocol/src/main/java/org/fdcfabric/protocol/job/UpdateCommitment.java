package org.fdcfabric.protocol.job;

/**
 * One dataset's contribution to a round as the compute organisation reports it.
 *
 * @param samples samples the update was trained on (at most the samples committed on acceptance)
 * @param commitment lowercase hex SHA-256 of the (encrypted or masked) update as received
 */
public record UpdateCommitment(String datasetId, long samples, String commitment) {}
