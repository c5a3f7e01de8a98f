package org.fdcfabric.protocol.secagg;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * Seals share bundles with AES-256-GCM. The key comes from {@link PairwiseKeys#shareKey} and is unique to
 * (session, both nonces, owner, holder) and used for exactly one bundle, so a fixed all-zero nonce is safe and
 * sealing needs no randomness. The session and both names are associated data: a bundle cannot be replayed to
 * another holder or session.
 */
public final class ShareBundleCipher {
    private static final int TAG_BITS = 128;

    private ShareBundleCipher() {}

    public static EncryptedShares seal(byte[] shareKey, SessionId session, ShareBundle bundle) {
        byte[] plaintext = CanonicalJson.bytes(bundle);
        return new EncryptedShares(
                bundle.ownerId(),
                bundle.holderId(),
                run(Cipher.ENCRYPT_MODE, shareKey, session, bundle.ownerId(), bundle.holderId(), plaintext));
    }

    /**
     * @throws InvalidInputException {@code SECAGG_SHARE_DECRYPTION_FAILED} if the key, session or names do not
     *     match or the ciphertext was altered; {@code SECAGG_WRONG_SHARE} if the bundle inside names other parties
     */
    public static ShareBundle open(byte[] shareKey, SessionId session, EncryptedShares sealed) {
        byte[] plaintext =
                run(Cipher.DECRYPT_MODE, shareKey, session, sealed.ownerId(), sealed.holderId(), sealed.ciphertext());
        ShareBundle bundle = CanonicalJson.read(plaintext, ShareBundle.class);
        if (!bundle.ownerId().equals(sealed.ownerId()) || !bundle.holderId().equals(sealed.holderId())) {
            throw new InvalidInputException(SecAggCodes.WRONG_SHARE, "the sealed bundle names other parties");
        }
        return bundle;
    }

    private static byte[] run(int mode, byte[] key, SessionId session, String owner, String holder, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, new byte[12]));
            cipher.updateAAD(session.transcript("fdc-secagg/shares/v1")
                    .add(owner)
                    .add(holder)
                    .bytes());
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new InvalidInputException(
                    SecAggCodes.SHARE_DECRYPTION_FAILED,
                    "shares from " + owner + " to " + holder + " fail authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
        }
    }
}
