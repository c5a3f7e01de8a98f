package org.fdcfabric.protocol.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FixedPointCodecTest {
    final FixedPointCodec codec = FixedPointCodec.DEFAULT;

    static void assertCode(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                .isEqualTo(code));
    }

    @Nested
    class Parameters {
        @Test
        void refusesParametersWhoseSumsCouldOverflow() {
            assertCode(() -> new FixedPointCodec(24, 1024, (1L << 28) + 1), "SECAGG_INVALID_PARAMETERS");
            assertCode(() -> new FixedPointCodec(25, 1024, 1L << 28), "SECAGG_INVALID_PARAMETERS");
            assertThat(new FixedPointCodec(30, 16, 1L << 28).maxAbsoluteError()).isEqualTo(Math.scalb(1.0, -31));
        }
    }

    @Nested
    class Encoding {
        @Test
        void refusesNonFiniteAndOutOfBoundValuesAndBadCounts() {
            assertCode(() -> codec.encode(new float[] {Float.NaN}, 1), "SECAGG_UPDATE_OUT_OF_BOUNDS");
            assertCode(() -> codec.encode(new float[] {Float.POSITIVE_INFINITY}, 1), "SECAGG_UPDATE_OUT_OF_BOUNDS");
            assertCode(() -> codec.encode(new float[] {1024.5f}, 1), "SECAGG_UPDATE_OUT_OF_BOUNDS");
            assertCode(() -> codec.encode(new float[] {1f}, 0), "SECAGG_UPDATE_OUT_OF_BOUNDS");
            assertCode(() -> codec.encode(new float[] {1f}, (1L << 28) + 1), "SECAGG_UPDATE_OUT_OF_BOUNDS");
        }

        @Test
        void weightedMeanOfEncodedUpdatesDecodesWithinTheBound() {
            long[] a = codec.encode(new float[] {0.5f, -1.25f, 3e-7f}, 3);
            long[] b = codec.encode(new float[] {-0.5f, 2.0f, 1e-7f}, 1);
            long[] sum = new long[a.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = a[i] + b[i];
            }
            DecodedSum decoded = codec.decode(sum);
            assertThat(decoded.totalSamples()).isEqualTo(4);
            float[] mean = decoded.mean();
            assertThat((double) mean[0]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-7));
            assertThat((double) mean[1]).isCloseTo(-0.4375, org.assertj.core.data.Offset.offset(1e-7));
            assertThat((double) mean[2])
                    .isCloseTo(2.5e-7, org.assertj.core.data.Offset.offset(codec.maxAbsoluteError()));
        }

        @Test
        void theExtremeCaseAllowedByTheBoundDoesNotOverflow() {
            // Every sample at +B and then every sample at -B: the sums sit at the edge of the proof's bound.
            long half = 1L << 27;
            for (float v : new float[] {1024f, -1024f}) {
                long[] x = codec.encode(new float[] {v}, half);
                long[] sum = {x[0] + x[0], x[1] + x[1]};
                assertThat(codec.decode(sum).mean()[0]).isEqualTo(v);
            }
        }

        @Test
        void aSumWhoseCountSlotIsGarbageIsReportedAsMasksThatDidNotCancel() {
            assertCode(() -> codec.decode(new long[] {5, -3}), "SECAGG_MASKS_DID_NOT_CANCEL");
            assertCode(() -> codec.decode(new long[] {5, (1L << 28) + 1}), "SECAGG_MASKS_DID_NOT_CANCEL");
        }
    }
}
