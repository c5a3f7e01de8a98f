package org.fdcfabric.protocol.request;

import java.time.Instant;
import java.util.List;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * A data user's request to use datasets for a purpose and computation, up to {@code maxRounds} training rounds,
 * until {@code expiresAt}. The data user signs {@link #canonicalBytes()}; the nonce makes every request unique so
 * a signature can never be replayed as a new request.
 */
public record CollaborationRequest(
        String requestId,
        String dataUserMsp,
        List<String> datasetIds,
        String purpose,
        String computation,
        int maxRounds,
        Instant expiresAt,
        String nonce) {

    public CollaborationRequest {
        datasetIds = datasetIds == null ? null : List.copyOf(datasetIds);
    }

    /** The exact bytes that are signed and verified. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(this);
    }
}
