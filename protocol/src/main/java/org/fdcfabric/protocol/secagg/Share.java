package org.fdcfabric.protocol.secagg;

import java.math.BigInteger;
import org.fdcfabric.protocol.InputChecks;

/** One Shamir share: the sharing polynomial's value {@code y} at the holder's point {@code x} (1-based). */
public record Share(int x, BigInteger y) {
    public static final int MAX_X = 65_535;

    public Share {
        InputChecks.inRange(x, 1, MAX_X, SecAggCodes.INVALID_MESSAGE, "share x");
        InputChecks.present(y, SecAggCodes.INVALID_MESSAGE, "share y");
        InputChecks.require(
                y.signum() >= 0 && y.compareTo(Shamir.PRIME) < 0,
                SecAggCodes.INVALID_MESSAGE,
                "share y must be a field element");
    }
}
