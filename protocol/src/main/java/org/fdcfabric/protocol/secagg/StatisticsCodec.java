package org.fdcfabric.protocol.secagg;

import java.math.BigInteger;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * Fixed-point encoding in Z_2^64 of a center's column statistics (counts, sums, sums of squares) for the
 * statistics round of a secure job. {@link FixedPointCodec} cannot carry them: a sum of squares of raw values
 * (values up to 1e6 over a million rows is 1e18) leaves no room for fraction bits in one 64-bit slot. So each value
 * v is scaled to the integer X = round(v * 2^f) (exact for whole counts) and split into two limbs, each its own
 * slot masked as usual:
 *
 * <pre>
 *   lo = X mod 2^L        (0 <= lo < 2^L)
 *   hi = floor(X / 2^L)   (signed)           X = hi * 2^L + lo
 * </pre>
 *
 * The row count goes in the last slot unscaled, as {@link FixedPointCodec} puts the sample count there.
 *
 * <p>No overflow, by construction: the encoder refuses any non-finite value and any |v| > 2^m, and the sums are
 * over at most K = 2^k centers (the caller passes the number of contributors to {@link #decode}, which refuses more).
 * Then
 *
 * <ol>
 *   <li>|X| <= 2^(m+f), so |hi| <= 2^(m+f-L) (the constructor requires m + f >= L);
 *   <li>the true sum of a hi slot is at most K * 2^(m+f-L) = 2^(k+m+f-L) <= 2^62 < 2^63 in absolute value, since
 *       the constructor requires k + m + f - L <= 62: the signed reading of the modular sum is exact;
 *   <li>the true sum of a lo slot is in [0, K * 2^L) with K * 2^L = 2^(k+L) <= 2^63 (required): the unsigned
 *       reading is exact, and a reading outside that range means masks did not cancel;
 *   <li>the count slot sums to at most the largest total count, below 2^62.
 * </ol>
 *
 * The limb sums recombine exactly (BigInteger) to Σ X_u, so the decoded value is Σ_u round(v_u * 2^f) / 2^f
 * rounded once to the nearest double: within k / 2^(f+1) of the exact sum of the centers' values, plus that final
 * rounding (half a unit in the 53rd bit). Counts are whole, so they decode exactly (below 2^53).
 *
 * <p>{@link #DEFAULT}: f = 28 (error 2^-29 = 1.9e-9 per center and value), L = 40, |v| <= 2^67 (1.5e20) per center,
 * at most 2^7 = 128 centers (a center refuses thresholds above 64 and a roster has fewer than 2t centers), at most
 * 2^40 rows in all: 7 + 67 + 28 - 40 = 62 and 7 + 40 = 47.
 */
public record StatisticsCodec(int fractionBits, int lowBits, int magnitudeBits, int centerBits, long maxTotalCount) {
    public static final StatisticsCodec DEFAULT = new StatisticsCodec(28, 40, 67, 7, 1L << 40);

    public StatisticsCodec {
        InputChecks.require(
                fractionBits >= 0 && lowBits >= 1 && magnitudeBits >= 1 && centerBits >= 1,
                SecAggCodes.INVALID_PARAMETERS,
                "codec bit counts must be positive");
        InputChecks.require(
                magnitudeBits + fractionBits >= lowBits,
                SecAggCodes.INVALID_PARAMETERS,
                "the low limb is wider than a value: use one slot");
        InputChecks.require(
                centerBits + lowBits <= 63,
                SecAggCodes.INVALID_PARAMETERS,
                "centerBits + lowBits = " + (centerBits + lowBits) + " > 63: low limbs could overflow");
        InputChecks.require(
                centerBits + magnitudeBits + fractionBits - lowBits <= 62,
                SecAggCodes.INVALID_PARAMETERS,
                "centerBits + magnitudeBits + fractionBits - lowBits = "
                        + (centerBits + magnitudeBits + fractionBits - lowBits) + " > 62: high limbs could overflow");
        InputChecks.require(
                maxTotalCount >= 1 && maxTotalCount <= 1L << 62,
                SecAggCodes.INVALID_PARAMETERS,
                "maxTotalCount must be in 1..2^62");
    }

    /** The largest |v| the encoder accepts: 2^magnitudeBits. */
    public double maxAbsValue() {
        return Math.scalb(1.0, magnitudeBits);
    }

    /** The most centers whose inputs one sum may add. */
    public int maxCenters() {
        return 1 << centerBits;
    }

    /** The largest absolute error, per center, of a decoded value relative to the exact sum (before rounding). */
    public double maxAbsoluteErrorPerCenter() {
        return Math.scalb(1.0, -(fractionBits + 1));
    }

    /** Slots of the masked vector for {@code values} values: two limbs each, and the count. */
    public static int slots(int values) {
        return 2 * values + 1;
    }

    /**
     * @param count the center's row count (its weight; the last slot)
     * @param values the center's statistics, each finite with |v| <= {@link #maxAbsValue()}
     * @throws InvalidInputException {@code SECAGG_STATISTIC_OUT_OF_BOUNDS} naming the first value that is not
     */
    public long[] encode(long count, double[] values) {
        InputChecks.inRange(count, 0, maxTotalCount, SecAggCodes.STATISTIC_OUT_OF_BOUNDS, "row count");
        long[] out = new long[slots(values.length)];
        double bound = maxAbsValue();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(Math.abs(v) <= bound)) {
                throw new InvalidInputException(
                        SecAggCodes.STATISTIC_OUT_OF_BOUNDS,
                        "statistic " + i + " is " + v + "; secure aggregation of statistics needs finite |v| <= 2^"
                                + magnitudeBits + " (" + bound + ")");
            }
            // rint of a scaled double is an integral double, so the conversion to BigInteger is exact
            BigInteger x = new java.math.BigDecimal(Math.rint(Math.scalb(v, fractionBits))).toBigIntegerExact();
            out[2 * i] = x.and(lowMask()).longValueExact();
            out[2 * i + 1] = x.shiftRight(lowBits).longValueExact();
        }
        out[out.length - 1] = count;
        return out;
    }

    /**
     * Recombines the unmasked limb sums.
     *
     * @param contributors how many centers' inputs the sum adds
     * @throws InvalidInputException {@code SECAGG_MASKS_DID_NOT_CANCEL} if a limb or the count is outside what
     *     {@code contributors} honest inputs can sum to; {@code SECAGG_INVALID_PARAMETERS} if there are more
     *     contributors than the codec's bound
     */
    public StatisticsSum decode(long[] sum, int contributors) {
        InputChecks.require(
                sum.length >= 1 && sum.length % 2 == 1, SecAggCodes.WRONG_VECTOR_LENGTH, "statistics sum length");
        InputChecks.require(
                contributors >= 1 && contributors <= maxCenters(),
                SecAggCodes.INVALID_PARAMETERS,
                contributors + " contributors; the codec bounds sums of at most " + maxCenters());
        long count = sum[sum.length - 1];
        InputChecks.require(
                count >= 0 && count <= maxTotalCount,
                SecAggCodes.MASKS_DID_NOT_CANCEL,
                "total row count " + count + " is out of range: masks did not cancel");
        BigInteger loBound = BigInteger.valueOf(contributors).shiftLeft(lowBits);
        long hiBound = (long) contributors << (magnitudeBits + fractionBits - lowBits);
        double[] values = new double[sum.length / 2];
        for (int i = 0; i < values.length; i++) {
            BigInteger lo = new BigInteger(Long.toUnsignedString(sum[2 * i]));
            long hi = sum[2 * i + 1];
            InputChecks.require(
                    lo.compareTo(loBound) < 0 && Math.abs(hi) <= hiBound,
                    SecAggCodes.MASKS_DID_NOT_CANCEL,
                    "statistic " + i + " is out of range: masks did not cancel");
            BigInteger x = BigInteger.valueOf(hi).shiftLeft(lowBits).add(lo);
            // BigInteger.doubleValue rounds to nearest; scaling by a power of two is exact
            values[i] = Math.scalb(x.doubleValue(), -fractionBits);
        }
        return new StatisticsSum(count, values);
    }

    private BigInteger lowMask() {
        return BigInteger.ONE.shiftLeft(lowBits).subtract(BigInteger.ONE);
    }
}
