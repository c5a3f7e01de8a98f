package org.fdcfabric.compute.job;

/**
 * An accepted update: whose, from how many samples, and its commitment (SHA-256 of the update's wire bytes),
 * which lets anyone holding the update check it was the one aggregated.
 */
public record Participation(String datasetId, long samples, String updateCommitment) {}
