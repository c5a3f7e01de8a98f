package org.fdcfabric.protocol.secagg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudorandom generator that expands a 32-byte seed into a mask over Z_2^64: the AES-256-CTR keystream
 * (counter from zero) read as little-endian 64-bit words. Each seed keys exactly one stream, so the fixed initial
 * counter is safe; the JDK's AES-CTR runs on AES-NI where the CPU has it.
 */
public final class MaskGenerator {
    /**
     * 8 KiB of keystream per cipher call: small enough that the JIT compiles (and intrinsifies) AES-CTR after a few
     * megabytes rather than hundreds (it counts calls), large enough that the call overhead is about 1%.
     */
    private static final int CHUNK_WORDS = 1024;

    private final byte[] zeros = new byte[CHUNK_WORDS * Long.BYTES];
    private final byte[] stream = new byte[CHUNK_WORDS * Long.BYTES];
    private final LongBuffer words =
            ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    private final long[] mask = new long[CHUNK_WORDS];

    /** Adds ({@code sign} = 1) or subtracts ({@code sign} = -1) the mask of {@code seed} into {@code target}. */
    public void apply(byte[] seed, long[] target, int sign) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be 1 or -1");
        }
        Cipher cipher = keystream(seed);
        try {
            for (int start = 0; start < target.length; start += CHUNK_WORDS) {
                int n = Math.min(CHUNK_WORDS, target.length - start);
                cipher.update(zeros, 0, n * Long.BYTES, stream, 0);
                // A bulk little-endian read into a long[], then plain loops the JIT vectorises: per-word reads
                // through a view were 8x slower than the cipher itself.
                words.get(0, mask, 0, n);
                if (sign == 1) {
                    for (int i = 0; i < n; i++) {
                        target[start + i] += mask[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        target[start + i] -= mask[i];
                    }
                }
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException("keystream buffer is sized to the chunk", e);
        }
    }

    private static Cipher keystream(byte[] seed) {
        if (seed.length != Seeds.BYTES) {
            throw new IllegalArgumentException("a seed is " + Seeds.BYTES + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is unavailable in this JVM", e);
        }
    }
}
