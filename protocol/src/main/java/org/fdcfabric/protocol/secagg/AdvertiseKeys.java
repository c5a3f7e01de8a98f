package org.fdcfabric.protocol.secagg;

import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Signatures;

/**
 * Step 0: a center announces that it takes part, with a fresh nonce signed by its organisation key. Pairwise seeds
 * come from ECDH between the two organisation keys, so the nonce is what makes them fresh for every session.
 */
public record AdvertiseKeys(SessionId session, String centerId, byte[] nonce, byte[] signature) {
    public static final int NONCE_BYTES = 32;

    public AdvertiseKeys {
        InputChecks.present(session, SecAggCodes.INVALID_MESSAGE, "session");
        CenterIds.check(centerId, "centerId");
        InputChecks.present(nonce, SecAggCodes.INVALID_MESSAGE, "nonce");
        InputChecks.require(
                nonce.length == NONCE_BYTES, SecAggCodes.INVALID_MESSAGE, "nonce must be " + NONCE_BYTES + " bytes");
        InputChecks.present(signature, SecAggCodes.INVALID_MESSAGE, "signature");
        InputChecks.require(signature.length <= 80, SecAggCodes.INVALID_MESSAGE, "signature is too long");
        nonce = nonce.clone();
        signature = signature.clone();
    }

    /** The bytes the organisation key signs. */
    public static byte[] signedBytes(SessionId session, String centerId, byte[] nonce) {
        return session.transcript("fdc-secagg/advertise/v1")
                .add(centerId)
                .add(nonce)
                .bytes();
    }

    public boolean verify(java.security.PublicKey orgKey) {
        return Signatures.verify(orgKey, signedBytes(session, centerId, nonce), signature);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
