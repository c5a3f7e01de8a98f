package org.fdcfabric.protocol.secagg;

import org.fdcfabric.protocol.InputChecks;

/**
 * Fixed-point encoding in Z_2^64 of a sample-weighted update: slot i holds round(n * v[i] * 2^f), the last slot
 * holds n. Sums are taken modulo 2^64 and read back as signed (two's complement) numbers.
 *
 * <p>No overflow, by construction: every |v[i]| <= B (encoding refuses anything else) and the total sample count N
 * of a round is at most N_max, so the true sum of slot i is bounded by N_max * B * 2^f + k/2 for k <= N_max
 * centers. The constructor requires f + log2(B) + log2(N_max) <= 62 (logs rounded up), hence the bound is below
 * 2^62 + 2^61 < 2^63 and the signed reading of the modular sum is exact, for any model size (slots are
 * independent). The sample-count slot sums to N <= N_max as well.
 *
 * <p>Error: each center's rounding is at most 1/2 unit, so the decoded mean is within k / (2 * 2^f * N)
 * <= 2^-(f+1) of the exact weighted mean, before the final rounding to float.
 */
public record FixedPointCodec(int fractionBits, double maxAbsValue, long maxTotalSamples) {
    /** 2^-24 resolution, |v| <= 1024, up to 2^28 (268 million) samples per round: 24 + 10 + 28 = 62 bits. */
    public static final FixedPointCodec DEFAULT = new FixedPointCodec(24, 1024, 1L << 28);

    public FixedPointCodec {
        InputChecks.require(
                fractionBits >= 8 && fractionBits <= 40, SecAggCodes.INVALID_PARAMETERS, "fractionBits must be 8..40");
        InputChecks.require(
                Double.isFinite(maxAbsValue) && maxAbsValue >= 1, SecAggCodes.INVALID_PARAMETERS, "maxAbsValue >= 1");
        InputChecks.require(maxTotalSamples >= 1, SecAggCodes.INVALID_PARAMETERS, "maxTotalSamples >= 1");
        int bits = fractionBits + ceilLog2(Math.ceil(maxAbsValue)) + ceilLog2(maxTotalSamples);
        InputChecks.require(
                bits <= 62,
                SecAggCodes.INVALID_PARAMETERS,
                "fractionBits + log2(maxAbsValue) + log2(maxTotalSamples) = " + bits + " > 62: sums could overflow");
    }

    /** The largest absolute error of a decoded mean coordinate relative to exact arithmetic. */
    public double maxAbsoluteError() {
        return Math.scalb(1.0, -(fractionBits + 1));
    }

    public long[] encode(float[] values, long sampleCount) {
        InputChecks.inRange(sampleCount, 1, maxTotalSamples, SecAggCodes.UPDATE_OUT_OF_BOUNDS, "sampleCount");
        double scale = Math.scalb((double) sampleCount, fractionBits);
        long[] out = new long[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!(Math.abs(v) <= maxAbsValue)) {
                throw new org.fdcfabric.protocol.InvalidInputException(
                        SecAggCodes.UPDATE_OUT_OF_BOUNDS,
                        "parameter " + i + " is " + v + "; secure aggregation needs finite |v| <= " + maxAbsValue);
            }
            out[i] = Math.round(v * scale);
        }
        out[values.length] = sampleCount;
        return out;
    }

    /**
     * @throws org.fdcfabric.protocol.InvalidInputException {@code SECAGG_MASKS_DID_NOT_CANCEL} if the total sample
     *     count is out of range, which is what a sum with leftover masks looks like
     */
    public DecodedSum decode(long[] sum) {
        InputChecks.require(sum.length >= 2, SecAggCodes.WRONG_VECTOR_LENGTH, "sum too short");
        long total = sum[sum.length - 1];
        InputChecks.require(
                total >= 1 && total <= maxTotalSamples,
                SecAggCodes.MASKS_DID_NOT_CANCEL,
                "total sample count " + total + " is out of range: masks did not cancel");
        double unit = Math.scalb(1.0 / total, -fractionBits);
        float[] mean = new float[sum.length - 1];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] * unit);
        }
        return new DecodedSum(mean, total);
    }

    private static int ceilLog2(double value) {
        return value <= 1 ? 0 : 64 - Long.numberOfLeadingZeros((long) value - 1);
    }
}
