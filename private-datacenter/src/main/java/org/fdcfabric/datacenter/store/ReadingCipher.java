package org.fdcfabric.datacenter.store;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Properties;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.apache.commons.crypto.cipher.CryptoCipher;
import org.apache.commons.crypto.cipher.CryptoCipherFactory;

/**
 * AES-256-GCM sealing of stored chunks through Apache Commons Crypto's cipher API (OpenSSL when it can bind,
 * else its JCE engine), falling back to the JDK's own cipher when Commons Crypto cannot give one at all. The
 * sealed form is {@code nonce(12) || ciphertext || tag(16)}; a fresh random nonce per chunk keeps well inside
 * GCM's random-nonce bound for the chunk counts a data center writes.
 */
final class ReadingCipher {
    private static final System.Logger LOG = System.getLogger(ReadingCipher.class.getName());
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final boolean commonsCrypto;
    private final String engine;

    public ReadingCipher(SecretKey key) {
        this.key = key;
        String probed;
        boolean usable;
        try (CryptoCipher probe = CryptoCipherFactory.getCryptoCipher(TRANSFORMATION, new Properties())) {
            probed = "commons-crypto " + probe.getClass().getSimpleName();
            usable = true;
        } catch (Exception | LinkageError e) {
            probed = "JDK javax.crypto (commons-crypto unavailable: " + e.getMessage() + ")";
            usable = false;
        }
        this.commonsCrypto = usable;
        this.engine = probed;
        LOG.log(Level.INFO, "readings at rest sealed with AES-256-GCM via {0}", engine);
    }

    /** Which implementation seals: e.g. {@code commons-crypto OpenSslCipher} or {@code commons-crypto JceCipher}. */
    public String engine() {
        return engine;
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] out = new byte[NONCE_BYTES + plaintext.length + TAG_BITS / 8];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        try {
            run(Cipher.ENCRYPT_MODE, nonce, associatedData, plaintext, 0, plaintext.length, out, NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new StoreException("sealing failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Opens a sealed chunk; any change to it or to its associated data throws {@link AEADBadTagException}. */
    public byte[] open(byte[] sealed, byte[] associatedData) throws AEADBadTagException {
        int tagBytes = TAG_BITS / 8;
        if (sealed.length < NONCE_BYTES + tagBytes) {
            throw new AEADBadTagException("sealed data is " + sealed.length + " bytes, shorter than nonce and tag");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(sealed, 0, nonce, 0, NONCE_BYTES);
        byte[] out = new byte[sealed.length - NONCE_BYTES - tagBytes];
        try {
            int n = run(
                    Cipher.DECRYPT_MODE,
                    nonce,
                    associatedData,
                    sealed,
                    NONCE_BYTES,
                    sealed.length - NONCE_BYTES,
                    out,
                    0);
            if (n != out.length) {
                throw new AEADBadTagException("opened " + n + " bytes, expected " + out.length);
            }
            return out;
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // Engines differ in how they report a failed tag; every failure here means "not authentic".
            AEADBadTagException bad = new AEADBadTagException("authentication failed: " + e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }

    private int run(
            int mode, byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset)
            throws GeneralSecurityException {
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, nonce);
        if (commonsCrypto) {
            try (CryptoCipher cipher = CryptoCipherFactory.getCryptoCipher(TRANSFORMATION, new Properties())) {
                cipher.init(mode, key, spec);
                cipher.updateAAD(ByteBuffer.wrap(aad));
                return cipher.doFinal(in, inOffset, inLength, out, outOffset);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("closing cipher failed", e);
            }
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, spec);
        cipher.updateAAD(aad);
        return cipher.doFinal(in, inOffset, inLength, out, outOffset);
    }
}
