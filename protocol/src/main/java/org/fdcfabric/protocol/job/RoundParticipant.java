package org.fdcfabric.protocol.job;

/** A contribution to a recorded round, with the provider and pass the chain resolved for it. */
public record RoundParticipant(
        String datasetId, String providerMsp, String passId, long samples, String updateCommitment) {}
