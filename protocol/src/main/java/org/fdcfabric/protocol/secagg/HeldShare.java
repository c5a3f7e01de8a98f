package org.fdcfabric.protocol.secagg;

import java.math.BigInteger;
import org.fdcfabric.protocol.InputChecks;

/** A share as it travels: the secret it belongs to, the holder's x and y as lowercase hex. */
public record HeldShare(SecretId secret, int x, String y) {
    public HeldShare {
        InputChecks.present(secret, SecAggCodes.INVALID_MESSAGE, "secret");
        InputChecks.present(y, SecAggCodes.INVALID_MESSAGE, "y");
        InputChecks.require(y.matches("[0-9a-f]{1,131}"), SecAggCodes.INVALID_MESSAGE, "y must be lowercase hex");
        share(x, y);
    }

    public static HeldShare of(SecretId secret, Share share) {
        return new HeldShare(secret, share.x(), share.y().toString(16));
    }

    public Share share() {
        return share(x, y);
    }

    private static Share share(int x, String y) {
        return new Share(x, new BigInteger(y, 16));
    }
}
