package org.fdcfabric.learning.crypto;

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
 *
 * <p>A plaintext is sealed in segments of {@value #SEGMENT_BYTES} bytes, each its own AES-GCM message with its own
 * tag (the layout of a streaming AEAD such as Tink's): segment {@code i} of {@code n} uses the box's nonce with
 * {@code i} XORed into its last four bytes, and, when {@code n > 1}, associated data that ends in
 * {@code "\nsegment i/n"}, so segments cannot be reordered, dropped or spliced from another update. A plaintext of one
 * segment is sealed exactly as a single AES-GCM message. Why segments: the JDK's GHASH runs as plain Java until its
 * callers are compiled, which one call per megabyte update never achieves (about 125 MB/s here); with 16 KiB
 * segments the JIT compiles it with its intrinsic after a few rounds, and a 1.27 MB update opened 2.9x faster in
 * the coordinator benchmark (benchmarks/README-federation.md).
 */
public final class UpdateCipher {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final int MAX_PLAINTEXT = 512 * 1024 * 1024;
    static final int SEGMENT_BYTES = 16 * 1024;

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
        int segments = Math.max(1, (plaintext.length + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
        byte[] out = new byte[plaintext.length + segments * TAG_BYTES];
        try (CryptoCipher cipher = newCipher()) {
            for (int i = 0; i < segments; i++) {
                int from = i * SEGMENT_BYTES;
                int length = Math.min(SEGMENT_BYTES, plaintext.length - from);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, segmentNonce(nonce, i)));
                cipher.updateAAD(segmentData(associatedData, i, segments));
                int written = cipher.doFinal(plaintext, from, length, out, from + i * TAG_BYTES);
                if (written != length + TAG_BYTES) {
                    throw new IllegalStateException(
                            "AES-GCM wrote " + written + " bytes, expected " + (length + TAG_BYTES));
                }
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
     * Opens a nonce and ciphertext (tags included) the caller owns and does not change meanwhile: the coordinator's
     * path, which saves {@link SealedBox}'s defensive copies of megabyte updates.
     */
    public byte[] open(byte[] nonce, byte[] ciphertext, byte[] associatedData) throws UpdateTamperedException {
        if (nonce.length != NONCE_BYTES) {
            throw new UpdateTamperedException("nonce must be " + NONCE_BYTES + " bytes, was " + nonce.length, null);
        }
        if (ciphertext.length < TAG_BYTES) {
            throw new UpdateTamperedException("ciphertext is shorter than its tag", null);
        }
        int segments = Math.max(1, (ciphertext.length + SEGMENT_BYTES + TAG_BYTES - 1) / (SEGMENT_BYTES + TAG_BYTES));
        int lastSegment = ciphertext.length - (segments - 1) * (SEGMENT_BYTES + TAG_BYTES);
        if (lastSegment < TAG_BYTES) {
            throw new UpdateTamperedException("the last segment is shorter than its tag", null);
        }
        byte[] out = new byte[ciphertext.length - segments * TAG_BYTES];
        try (CryptoCipher cipher = newCipher()) {
            for (int i = 0; i < segments; i++) {
                int from = i * (SEGMENT_BYTES + TAG_BYTES);
                int length = i == segments - 1 ? lastSegment : SEGMENT_BYTES + TAG_BYTES;
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, segmentNonce(nonce, i)));
                cipher.updateAAD(segmentData(associatedData, i, segments));
                int written = cipher.doFinal(ciphertext, from, length, out, i * SEGMENT_BYTES);
                if (written != length - TAG_BYTES) {
                    throw new IllegalStateException(
                            "AES-GCM opened " + written + " bytes, expected " + (length - TAG_BYTES));
                }
            }
            return out;
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

    private static byte[] segmentNonce(byte[] nonce, int segment) {
        byte[] segmentNonce = nonce.clone();
        for (int b = 0; b < 4; b++) {
            segmentNonce[NONCE_BYTES - 1 - b] ^= (byte) (segment >>> (8 * b));
        }
        return segmentNonce;
    }

    private static byte[] segmentData(byte[] associatedData, int segment, int segments) {
        if (segments == 1) {
            return associatedData;
        }
        byte[] suffix = ("\nsegment " + segment + "/" + segments).getBytes(StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOf(associatedData, associatedData.length + suffix.length);
        System.arraycopy(suffix, 0, data, associatedData.length, suffix.length);
        return data;
    }

    private static CryptoCipher newCipher() {
        try {
            return CryptoCipherFactory.getCryptoCipher(TRANSFORMATION, new Properties());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES/GCM cipher available", e);
        }
    }
}
