package org.fdcfabric.protocol.job;

import java.time.Instant;

/**
 * A provider's acceptance of a job for one of its datasets: the sample count it commits (at most the UCL's record
 * count) and the pass that authorizes the use.
 */
public record Participant(
        String datasetId, String providerMsp, String passId, long samples, Instant acceptedAt, String txId) {}
