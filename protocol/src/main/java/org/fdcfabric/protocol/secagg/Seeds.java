package org.fdcfabric.protocol.secagg;

import java.math.BigInteger;
import java.util.Optional;
import org.fdcfabric.protocol.InputChecks;

/** Mask seeds: 32 bytes, read as an unsigned big-endian number when shared as a field element. */
public final class Seeds {
    public static final int BYTES = 32;

    private Seeds() {}

    public static BigInteger toField(byte[] seed) {
        InputChecks.require(seed.length == BYTES, SecAggCodes.INVALID_MESSAGE, "a seed is " + BYTES + " bytes");
        return new BigInteger(1, seed);
    }

    /** The seed a field element stands for, or empty if it is too large to be one (a sign of wrong shares). */
    public static Optional<byte[]> fromField(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > BYTES * 8) {
            return Optional.empty();
        }
        byte[] raw = value.toByteArray();
        byte[] seed = new byte[BYTES];
        int copy = Math.min(raw.length, BYTES);
        System.arraycopy(raw, raw.length - copy, seed, BYTES - copy, copy);
        return Optional.of(seed);
    }
}
