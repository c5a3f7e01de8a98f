package org.fdcfabric.protocol.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.protocol.secagg.FixedPointCodecTest.assertCode;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatisticsCodecTest {
    final StatisticsCodec codec = StatisticsCodec.DEFAULT;

    /** The modular sum of encoded vectors, as the coordinator holds it once the masks cancel. */
    static long[] sum(long[]... encoded) {
        long[] sum = new long[encoded[0].length];
        for (long[] e : encoded) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += e[i];
            }
        }
        return sum;
    }

    @Nested
    class Parameters {
        @Test
        void refusesParametersWhoseLimbSumsCouldOverflow() {
            // high limbs: 7 + 68 + 28 - 40 = 63 > 62
            assertCode(() -> new StatisticsCodec(28, 40, 68, 7, 1L << 40), "SECAGG_INVALID_PARAMETERS");
            // low limbs: 24 + 40 = 64 > 63
            assertCode(() -> new StatisticsCodec(10, 40, 40, 24, 1L << 40), "SECAGG_INVALID_PARAMETERS");
            assertCode(() -> new StatisticsCodec(28, 40, 67, 7, 0), "SECAGG_INVALID_PARAMETERS");
            assertThat(codec.maxAbsValue()).isEqualTo(Math.scalb(1.0, 67));
            assertThat(codec.maxCenters()).isEqualTo(128);
            assertThat(codec.maxAbsoluteErrorPerCenter()).isEqualTo(Math.scalb(1.0, -29));
        }
    }

    @Nested
    class Encoding {
        @Test
        void refusesNonFiniteAndOutOfBoundValuesAndCounts() {
            assertCode(() -> codec.encode(1, new double[] {Double.NaN}), "SECAGG_STATISTIC_OUT_OF_BOUNDS");
            assertCode(
                    () -> codec.encode(1, new double[] {Double.NEGATIVE_INFINITY}), "SECAGG_STATISTIC_OUT_OF_BOUNDS");
            assertCode(
                    () -> codec.encode(1, new double[] {Math.nextUp(Math.scalb(1.0, 67))}),
                    "SECAGG_STATISTIC_OUT_OF_BOUNDS");
            assertCode(() -> codec.encode(-1, new double[] {1}), "SECAGG_STATISTIC_OUT_OF_BOUNDS");
            assertCode(() -> codec.encode((1L << 40) + 1, new double[] {1}), "SECAGG_STATISTIC_OUT_OF_BOUNDS");
        }

        @Test
        void limbsRecombineToTheScaledValue() {
            long[] e = codec.encode(3, new double[] {-1.5, 1e18, 0});
            assertThat(e).hasSize(StatisticsCodec.slots(3));
            // -1.5 * 2^28 = -402653184: lo = 2^40 - 402653184, hi = -1
            assertThat(e[0]).isEqualTo((1L << 40) - 402_653_184L);
            assertThat(e[1]).isEqualTo(-1);
            assertThat(e[4]).isZero();
            assertThat(e[5]).isZero();
            assertThat(e[6]).isEqualTo(3);
            assertThat(codec.decode(e, 1).values()).containsExactly(-1.5, 1e18, 0);
        }
    }

    @Nested
    class Sums {
        @Test
        void rawScaleStatisticsOfAMillionRowsAt1e6SumExactlyOverCenters() {
            // five centers, each a million rows of values up to 1e6: sums ~1e12, sums of squares ~1e18
            SplittableRandom random = new SplittableRandom(14);
            int centers = 5;
            long[][] encoded = new long[centers][];
            BigDecimal[] exact = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
            for (int u = 0; u < centers; u++) {
                double[] stats = {
                    1_000_000, random.nextDouble(-1e12, 1e12), random.nextDouble(0, 1e18),
                };
                encoded[u] = codec.encode(1_000_000, stats);
                for (int i = 0; i < stats.length; i++) {
                    exact[i] = exact[i].add(new BigDecimal(stats[i]));
                }
            }
            StatisticsSum sum = codec.decode(sum(encoded), centers);
            assertThat(sum.count()).isEqualTo(5_000_000);
            assertThat(sum.values()[0]).isEqualTo(5_000_000.0);
            for (int i = 1; i < 3; i++) {
                double expected = exact[i].doubleValue();
                // within the stated error: k * 2^-29 for rounding, plus one rounding to double
                assertThat(Math.abs(sum.values()[i] - expected))
                        .isLessThanOrEqualTo(centers * codec.maxAbsoluteErrorPerCenter() + Math.ulp(expected));
            }
        }

        @Test
        void smallValuesKeepTheirFractionBits() {
            long[] a = codec.encode(2, new double[] {0.001, -2.5e-4});
            long[] b = codec.encode(1, new double[] {0.002, 1.0e-4});
            StatisticsSum sum = codec.decode(sum(a, b), 2);
            assertThat(sum.count()).isEqualTo(3);
            assertThat(sum.values()[0]).isCloseTo(0.003, org.assertj.core.data.Offset.offset(2e-9));
            assertThat(sum.values()[1]).isCloseTo(-1.5e-4, org.assertj.core.data.Offset.offset(2e-9));
        }

        @Test
        void theExtremeCaseOfEveryCenterAtTheBoundDoesNotOverflow() {
            int centers = codec.maxCenters();
            double bound = codec.maxAbsValue();
            long[][] plus = new long[centers][];
            long[][] minus = new long[centers][];
            for (int u = 0; u < centers; u++) {
                plus[u] = codec.encode((1L << 40) / centers, new double[] {bound, 7.0});
                minus[u] = codec.encode((1L << 40) / centers, new double[] {-bound, Math.nextDown(bound)});
            }
            assertThat(codec.decode(sum(plus), centers).values()).containsExactly(centers * bound, centers * 7.0);
            StatisticsSum low = codec.decode(sum(minus), centers);
            assertThat(low.values()[0]).isEqualTo(-centers * bound);
            assertThat(low.values()[1]).isEqualTo(centers * Math.nextDown(bound));
            assertThat(low.count()).isEqualTo(1L << 40);
        }

        @Test
        void aSumWithLeftoverMasksOrTooManyContributorsIsRefused() {
            long[] a = codec.encode(10, new double[] {5});
            long[] masked = a.clone();
            new MaskGenerator().apply(new byte[32], masked, 1);
            assertCode(() -> codec.decode(masked, 1), "SECAGG_MASKS_DID_NOT_CANCEL");
            long[] badLow = a.clone();
            badLow[0] = -1;
            assertCode(() -> codec.decode(badLow, 1), "SECAGG_MASKS_DID_NOT_CANCEL");
            assertCode(() -> codec.decode(a, 129), "SECAGG_INVALID_PARAMETERS");
            assertCode(() -> codec.decode(new long[] {1, 2}, 1), "SECAGG_WRONG_VECTOR_LENGTH");
        }
    }
}
