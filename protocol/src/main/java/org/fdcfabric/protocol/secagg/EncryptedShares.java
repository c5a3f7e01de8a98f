package org.fdcfabric.protocol.secagg;

import org.fdcfabric.protocol.InputChecks;

/** A {@link ShareBundle} sealed with AES-256-GCM for its holder; the coordinator only relays it. */
public record EncryptedShares(String ownerId, String holderId, byte[] ciphertext) {
    public static final int MAX_CIPHERTEXT_BYTES = 1 << 20;

    public EncryptedShares {
        CenterIds.check(ownerId, "ownerId");
        CenterIds.check(holderId, "holderId");
        InputChecks.present(ciphertext, SecAggCodes.INVALID_MESSAGE, "ciphertext");
        InputChecks.require(
                ciphertext.length >= 16 && ciphertext.length <= MAX_CIPHERTEXT_BYTES,
                SecAggCodes.INVALID_MESSAGE,
                "ciphertext size out of range");
        InputChecks.require(!ownerId.equals(holderId), SecAggCodes.INVALID_MESSAGE, "a center keeps its own shares");
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }
}
