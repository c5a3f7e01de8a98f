package org.fdcfabric.protocol.pass;

import java.time.Instant;

/**
 * Permission from a dataset's owner for one data user to use that dataset for one purpose, for a bounded number of
 * training rounds until an expiry. Every recorded round a dataset takes part in charges its pass one round.
 *
 * @param passId {@code {requestId}:{datasetId}}, so a request yields at most one pass per dataset
 * @param ownerMsp the dataset owner that granted the pass
 * @param holderMsp the data user's organisation
 * @param computation the computation named in the request
 */
public record AccessPass(
        String passId,
        String requestId,
        String datasetId,
        String ownerMsp,
        String holderMsp,
        String purpose,
        String computation,
        long roundsGranted,
        long roundsUsed,
        Instant issuedAt,
        Instant expiresAt,
        PassStatus status,
        Instant revokedAt,
        String revokeReason) {

    public static String idFor(String requestId, String datasetId) {
        return requestId + ":" + datasetId;
    }

    public long roundsRemaining() {
        return roundsGranted - roundsUsed;
    }

    public AccessPass charged() {
        return new AccessPass(
                passId,
                requestId,
                datasetId,
                ownerMsp,
                holderMsp,
                purpose,
                computation,
                roundsGranted,
                roundsUsed + 1,
                issuedAt,
                expiresAt,
                status,
                revokedAt,
                revokeReason);
    }

    public AccessPass revoked(Instant at, String reason) {
        return new AccessPass(
                passId,
                requestId,
                datasetId,
                ownerMsp,
                holderMsp,
                purpose,
                computation,
                roundsGranted,
                roundsUsed,
                issuedAt,
                expiresAt,
                PassStatus.REVOKED,
                at,
                reason);
    }

    /** Judges this pass for a use of {@code dataset} for {@code usePurpose} at transaction time {@code at}. */
    public PassVerdict verdict(String dataset, String usePurpose, Instant at) {
        String reason = null;
        if (status == PassStatus.REVOKED) {
            reason = PassVerdict.PASS_REVOKED;
        } else if (!at.isBefore(expiresAt)) {
            reason = PassVerdict.PASS_EXPIRED;
        } else if (roundsRemaining() <= 0) {
            reason = PassVerdict.ROUNDS_EXHAUSTED;
        } else if (!datasetId.equals(dataset)) {
            reason = PassVerdict.DATASET_MISMATCH;
        } else if (!purpose.equals(usePurpose)) {
            reason = PassVerdict.PURPOSE_MISMATCH;
        }
        return new PassVerdict(passId, dataset, usePurpose, reason == null, reason, roundsRemaining(), expiresAt, at);
    }
}
