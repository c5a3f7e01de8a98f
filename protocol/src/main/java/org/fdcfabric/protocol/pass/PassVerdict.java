package org.fdcfabric.protocol.pass;

import java.time.Instant;
import org.fdcfabric.protocol.ErrorCode;

/**
 * The answer to "may this pass be used for this dataset and purpose now?". {@code reason} is absent when valid,
 * otherwise one of the constants below.
 */
public record PassVerdict(
        String passId,
        String datasetId,
        String purpose,
        boolean valid,
        String reason,
        long roundsRemaining,
        Instant expiresAt,
        Instant checkedAt) {
    public static final String PASS_NOT_FOUND = ErrorCode.PASS_NOT_FOUND.name();
    public static final String PASS_REVOKED = "PASS_REVOKED";
    public static final String PASS_EXPIRED = "PASS_EXPIRED";
    public static final String ROUNDS_EXHAUSTED = "ROUNDS_EXHAUSTED";
    public static final String DATASET_MISMATCH = "DATASET_MISMATCH";
    public static final String PURPOSE_MISMATCH = "PURPOSE_MISMATCH";

    public static PassVerdict notFound(String passId, String datasetId, String purpose, Instant at) {
        return new PassVerdict(passId, datasetId, purpose, false, PASS_NOT_FOUND, 0, null, at);
    }
}
