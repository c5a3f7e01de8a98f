package org.fdcfabric.protocol.pass;

import java.time.Instant;

/**
 * One owner's decision on one dataset of a request.
 *
 * @param passId the pass issued when granted; absent when denied
 * @param reason the owner's reason when denied; absent when granted
 */
public record AccessDecision(
        String datasetId,
        DecisionOutcome outcome,
        String passId,
        String reason,
        String decidedByMsp,
        Instant decidedAt,
        String txId) {}
