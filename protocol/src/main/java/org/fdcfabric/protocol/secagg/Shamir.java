package org.fdcfabric.protocol.secagg;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fdcfabric.protocol.InputChecks;

/**
 * Shamir secret sharing over GF(p), p = 2^521 - 1 (a Mersenne prime, large enough for a 256-bit seed as one
 * element). Only the deterministic half lives here; choosing the random polynomial is the dealer's job.
 */
public final class Shamir {
    public static final BigInteger PRIME = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);

    private Shamir() {}

    /** The polynomial with these coefficients (constant term first) evaluated at {@code x}. */
    public static BigInteger evaluate(List<BigInteger> coefficients, int x) {
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger acc = BigInteger.ZERO;
        for (int i = coefficients.size() - 1; i >= 0; i--) {
            acc = acc.multiply(bx).add(coefficients.get(i)).mod(PRIME);
        }
        return acc;
    }

    /**
     * Lagrange interpolation at zero. Any {@code threshold} shares of a degree {@code threshold - 1} polynomial
     * give its secret; fewer give a value independent of it.
     *
     * @throws org.fdcfabric.protocol.InvalidInputException {@code SECAGG_DUPLICATE_SHARE} if two shares have the same x
     */
    public static BigInteger interpolateAtZero(List<Share> shares) {
        return interpolateAt(shares, 0);
    }

    /** The value at {@code x} of the lowest-degree polynomial through {@code shares}. */
    public static BigInteger interpolateAt(List<Share> shares, int x) {
        InputChecks.require(!shares.isEmpty(), SecAggCodes.INVALID_MESSAGE, "no shares to interpolate");
        Set<Integer> xs = new HashSet<>();
        for (Share s : shares) {
            InputChecks.require(xs.add(s.x()), SecAggCodes.DUPLICATE_SHARE, "two shares at x = " + s.x());
        }
        BigInteger value = BigInteger.ZERO;
        for (Share i : shares) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (Share j : shares) {
                if (j.x() != i.x()) {
                    num = num.multiply(BigInteger.valueOf((long) x - j.x())).mod(PRIME);
                    den = den.multiply(BigInteger.valueOf((long) i.x() - j.x())).mod(PRIME);
                }
            }
            BigInteger basis = num.multiply(den.modInverse(PRIME)).mod(PRIME);
            value = value.add(i.y().multiply(basis)).mod(PRIME);
        }
        return value;
    }
}
