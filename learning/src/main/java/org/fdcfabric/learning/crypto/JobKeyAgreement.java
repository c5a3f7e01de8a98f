package org.fdcfabric.learning.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Derives the per-job update key a center and the coordinator share: ECDH (P-256) between one party's private
 * key and the other's certified public key, then HKDF-SHA256 with the job id as salt and both public keys (in a
 * fixed order) in the info, so each (job, pair of identities) has its own key and both sides compute the same.
 */
public final class JobKeyAgreement {
    private static final int KEY_BYTES = 32;

    private JobKeyAgreement() {}

    public static byte[] deriveJobKey(PrivateKey ownPrivate, PublicKey ownPublic, PublicKey peerPublic, String jobId) {
        if (!(ownPublic instanceof ECPublicKey own) || !(peerPublic instanceof ECPublicKey peer)) {
            throw new IllegalArgumentException("job key agreement needs EC (P-256) keys");
        }
        if (own.getParams().getCurve().getField().getFieldSize() != 256
                || peer.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("job key agreement needs P-256 keys");
        }
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("job id must not be blank");
        }
        byte[] shared;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ownPrivate);
            agreement.doPhase(peerPublic, true);
            shared = agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH failed: " + e.getMessage(), e);
        }
        byte[] a = ownPublic.getEncoded();
        byte[] b = peerPublic.getEncoded();
        byte[] first = Arrays.compare(a, b) <= 0 ? a : b;
        byte[] second = first == a ? b : a;
        byte[] label = "fdc-fabric update key v1".getBytes(StandardCharsets.UTF_8);
        byte[] info = new byte[label.length + first.length + second.length];
        System.arraycopy(label, 0, info, 0, label.length);
        System.arraycopy(first, 0, info, label.length, first.length);
        System.arraycopy(second, 0, info, label.length + first.length, second.length);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, jobId.getBytes(StandardCharsets.UTF_8), info));
        byte[] key = new byte[KEY_BYTES];
        hkdf.generateBytes(key, 0, KEY_BYTES);
        Arrays.fill(shared, (byte) 0);
        return key;
    }
}
