package org.fdcfabric.protocol.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShamirTest {
    final Random random = new Random(3);
    final BigInteger secret = new BigInteger(256, random);
    final List<BigInteger> polynomial =
            List.of(secret, new BigInteger(520, random), new BigInteger(520, random)); // t = 3

    Share at(int x) {
        return new Share(x, Shamir.evaluate(polynomial, x));
    }

    @Test
    void theFieldModulusIsPrime() {
        assertThat(Shamir.PRIME.isProbablePrime(64)).isTrue();
        assertThat(Shamir.PRIME.bitLength()).isEqualTo(521);
    }

    @Nested
    class Interpolation {
        @Test
        void anyThresholdSharesGiveTheSecret() {
            assertThat(Shamir.interpolateAtZero(List.of(at(1), at(2), at(3)))).isEqualTo(secret);
            assertThat(Shamir.interpolateAtZero(List.of(at(5), at(2), at(9)))).isEqualTo(secret);
            assertThat(Shamir.interpolateAtZero(List.of(at(1), at(4), at(7), at(10))))
                    .isEqualTo(secret);
        }

        @Test
        void fewerThanThresholdSharesDoNot() {
            assertThat(Shamir.interpolateAtZero(List.of(at(1), at(2)))).isNotEqualTo(secret);
        }

        @Test
        void interpolationReproducesTheOtherPoints() {
            assertThat(Shamir.interpolateAt(List.of(at(1), at(2), at(3)), 8)).isEqualTo(at(8).y());
        }

        @Test
        void twoSharesAtOnePointAreRefused() {
            assertThatThrownBy(() -> Shamir.interpolateAtZero(List.of(at(1), at(1), at(3))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_DUPLICATE_SHARE"));
        }
    }

    @Nested
    class ShareValues {
        @Test
        void outOfFieldOrPointZeroIsRefused() {
            assertThatThrownBy(() -> new Share(0, BigInteger.ONE)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new Share(1, Shamir.PRIME)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new Share(1, BigInteger.valueOf(-1))).isInstanceOf(InvalidInputException.class);
        }

        @Test
        void seedsRoundTripThroughTheFieldAndOversizedValuesAreNoSeed() {
            byte[] seed = new byte[32];
            seed[0] = (byte) 0xff;
            seed[31] = 1;
            assertThat(Seeds.fromField(Seeds.toField(seed)))
                    .hasValueSatisfying(s -> assertThat(s).isEqualTo(seed));
            assertThat(Seeds.fromField(BigInteger.ONE.shiftLeft(256))).isEmpty();
        }
    }
}
