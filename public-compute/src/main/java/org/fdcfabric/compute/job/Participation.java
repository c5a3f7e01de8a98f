package org.fdcfabric.compute.job;

import org.fdcfabric.protocol.job.UsageSignature;

/**
 * An accepted update: whose, from how many samples, and its commitment (SHA-256 of the update's wire bytes),
 * which lets anyone holding the update check it was the one aggregated.
 *
 * @param usage the center's signature over the round's usage, as it answered (null if it sent none: the chain
 *     then refuses the round)
 */
public record Participation(String datasetId, long samples, String updateCommitment, UsageSignature usage) {}
