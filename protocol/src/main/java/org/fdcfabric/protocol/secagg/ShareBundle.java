package org.fdcfabric.protocol.secagg;

import java.util.List;
import org.fdcfabric.protocol.InputChecks;

/** Every share one owner deals to one holder in a session: the plaintext inside {@link EncryptedShares}. */
public record ShareBundle(String ownerId, String holderId, List<HeldShare> shares) {
    public static final int MAX_SHARES = 4096;

    public ShareBundle {
        CenterIds.check(ownerId, "ownerId");
        CenterIds.check(holderId, "holderId");
        InputChecks.present(shares, SecAggCodes.INVALID_MESSAGE, "shares");
        InputChecks.require(shares.size() <= MAX_SHARES, SecAggCodes.INVALID_MESSAGE, "too many shares");
        for (HeldShare s : shares) {
            InputChecks.require(
                    s.secret().ownerId().equals(ownerId),
                    SecAggCodes.WRONG_SHARE,
                    "a bundle from " + ownerId + " carries a share of "
                            + s.secret().ownerId() + "'s secret");
        }
        shares = List.copyOf(shares);
    }
}
