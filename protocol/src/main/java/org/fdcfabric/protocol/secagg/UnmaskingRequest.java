package org.fdcfabric.protocol.secagg;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fdcfabric.protocol.InputChecks;

/**
 * Step 3, coordinator to centers: whose masked input arrived ({@code survivors}: reveal shares of their self-mask
 * seeds) and who shared keys but then dropped ({@code dropped}: reveal shares of their pairwise seeds with the
 * survivors). An honest center reveals, for any one center, one kind of secret or the other, never both.
 */
public record UnmaskingRequest(SessionId session, List<String> survivors, List<String> dropped) {
    public UnmaskingRequest {
        InputChecks.present(session, SecAggCodes.INVALID_MESSAGE, "session");
        survivors = CenterIds.sortedDistinct(survivors, "survivors");
        dropped = CenterIds.sortedDistinct(dropped, "dropped");
        Set<String> both = new HashSet<>(survivors);
        both.retainAll(dropped);
        InputChecks.require(
                both.isEmpty(), SecAggCodes.INCONSISTENT_REQUEST, "centers both survived and dropped: " + both);
    }
}
