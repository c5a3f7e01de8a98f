package org.fdcfabric.protocol.secagg;

import org.fdcfabric.protocol.InputChecks;

/** One share a holder reveals at unmasking, with the secret it belongs to. */
public record RevealedShare(SecretId secret, Share share) {
    public RevealedShare {
        InputChecks.present(secret, SecAggCodes.INVALID_MESSAGE, "secret");
        InputChecks.present(share, SecAggCodes.INVALID_MESSAGE, "share");
    }
}
