package org.fdcfabric.protocol.job;

/**
 * Tokens moved from a job's escrow to an account at settlement.
 *
 * @param datasetId the dataset paid for (provider payouts only)
 * @param sampleRounds the samples the dataset contributed summed over recorded rounds (provider payouts only)
 */
public record Payout(String account, long amount, PayoutKind kind, String datasetId, Long sampleRounds) {}
