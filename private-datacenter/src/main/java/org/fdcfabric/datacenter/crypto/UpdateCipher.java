package org.fdcfabric.datacenter.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Properties;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.crypto.cipher.CryptoCipher;
import org.apache.commons.crypto.cipher.CryptoCipherFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals model updates with AES-256-GCM under a per-job key ({@link JobKeyAgreement}), through Apache Commons
 * Crypto's cipher API. Commons Crypto prefers its OpenSSL binding and falls back to the JDK's cipher where the
 * binding cannot load (OpenSSL 3, as on Debian 12); {@link #engine()} says which one runs.
 *
 * <p>The associated data binds each update to its job, round and dataset, so a sealed update cannot be replayed
 * into another round or passed off as another center's.
 */
public final class UpdateCipher {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_PLAINTEXT = 512 * 1024 * 1024;

    private final SecretKeySpec key;
    private final SecureRandom random;
    private final String engine;

    public UpdateCipher(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("update key must be 32 bytes (AES-256), was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
        try (CryptoCipher probe = newCipher()) {
            this.engine = probe.getClass().getSimpleName();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close probe cipher", e);
        }
        LOG.debug("AES-GCM engine: {}", engine);
    }

    /** The Commons Crypto engine in use: {@code OpenSslCipher} or {@code JceCipher} (the JDK fallback). */
    public String engine() {
        return engine;
    }

    /** The associated data of an update: its job, round and dataset. */
    public static byte[] binding(String jobId, int round, String datasetId) {
        return ("fdc-update-v1\n" + jobId.length() + ":" + jobId + "\n" + round + "\n" + datasetId.length() + ":"
                        + datasetId)
                .getBytes(StandardCharsets.UTF_8);
    }

    public SealedBox seal(byte[] plaintext, byte[] associatedData) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("update of " + plaintext.length + " bytes exceeds " + MAX_PLAINTEXT);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try (CryptoCipher cipher = newCipher()) {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] out = new byte[plaintext.length + TAG_BITS / 8];
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, 0);
            if (written != out.length) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected " + out.length);
            }
            return new SealedBox(nonce, out);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] open(SealedBox box, byte[] associatedData) throws UpdateTamperedException {
        return open(box.nonce(), box.ciphertext(), associatedData);
    }

    /**
     * Opens a nonce and ciphertext (tag appended) the caller owns and does not change meanwhile: the coordinator's
     * path, which saves {@link SealedBox}'s defensive copies of megabyte updates.
     */
    public byte[] open(byte[] nonce, byte[] ciphertext, byte[] associatedData) throws UpdateTamperedException {
        if (nonce.length != NONCE_BYTES) {
            throw new UpdateTamperedException("nonce must be " + NONCE_BYTES + " bytes, was " + nonce.length, null);
        }
        if (ciphertext.length < TAG_BITS / 8) {
            throw new UpdateTamperedException("ciphertext is shorter than its tag", null);
        }
        try (CryptoCipher cipher = newCipher()) {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] out = new byte[ciphertext.length - TAG_BITS / 8];
            int written = cipher.doFinal(ciphertext, 0, ciphertext.length, out, 0);
            return written == out.length ? out : java.util.Arrays.copyOf(out, written);
        } catch (AEADBadTagException e) {
            throw new UpdateTamperedException("update failed AES-GCM authentication", e);
        } catch (GeneralSecurityException e) {
            if (e.getCause() instanceof AEADBadTagException
                    || e.getMessage() != null
                            && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("tag")) {
                throw new UpdateTamperedException("update failed AES-GCM authentication", e);
            }
            throw new IllegalStateException("AES-GCM decryption failed", e);
        } catch (IOException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static CryptoCipher newCipher() {
        try {
            return CryptoCipherFactory.getCryptoCipher(TRANSFORMATION, new Properties());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES/GCM cipher available", e);
        }
    }
}
