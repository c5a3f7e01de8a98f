package org.fdcfabric.compute.aggregation.secure;

import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.SecAggCodes;

/**
 * A job's secure-aggregation parameters.
 *
 * @param threshold t: shares needed to rebuild a seed, and the fewest centers any step may proceed with; a round
 *     survives up to n - t dropouts and needs t > n / 2 of the n centers that advertise
 * @param vectorLength slots before the last (count) slot: the model's parameters in a training round, two limbs per
 *     statistic in a statistics round ({@code StatisticsCodec})
 * @param codec decodes a training round's sum ({@link SecureAggregationRound#finish()}); a statistics round's
 *     caller decodes its own ({@link SecureAggregationRound#finish(SecureAggregationRound.SumDecoder)})
 */
public record SecureAggregationConfig(int threshold, int vectorLength, FixedPointCodec codec) {
    public SecureAggregationConfig {
        InputChecks.require(threshold >= 2, SecAggCodes.INVALID_PARAMETERS, "threshold must be at least 2");
        InputChecks.require(
                vectorLength >= 1 && vectorLength < (1 << 26),
                SecAggCodes.INVALID_PARAMETERS,
                "vectorLength out of range: " + vectorLength);
        InputChecks.present(codec, SecAggCodes.INVALID_PARAMETERS, "codec");
    }

    /** The usual choice for n centers: a strict majority, which tolerates the most dropouts t > n/2 allows. */
    public static SecureAggregationConfig majority(int centers, int vectorLength) {
        return new SecureAggregationConfig(centers / 2 + 1, vectorLength, FixedPointCodec.DEFAULT);
    }
}
