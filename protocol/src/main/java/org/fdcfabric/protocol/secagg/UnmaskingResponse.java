package org.fdcfabric.protocol.secagg;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fdcfabric.protocol.InputChecks;

/** Step 3, center to coordinator: the shares {@link UnmaskingRequest} asked this holder for. */
public record UnmaskingResponse(SessionId session, String holderId, List<RevealedShare> shares) {
    public UnmaskingResponse {
        InputChecks.present(session, SecAggCodes.INVALID_MESSAGE, "session");
        CenterIds.check(holderId, "holderId");
        InputChecks.present(shares, SecAggCodes.INVALID_MESSAGE, "shares");
        Set<SecretId> seen = new HashSet<>();
        for (RevealedShare s : shares) {
            InputChecks.require(
                    seen.add(s.secret()),
                    SecAggCodes.DUPLICATE_SHARE,
                    "two shares of " + s.secret() + " in one response");
        }
        shares = List.copyOf(shares);
    }
}
