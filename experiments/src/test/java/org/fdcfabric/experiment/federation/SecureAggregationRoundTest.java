package org.fdcfabric.experiment.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationFailure;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationOutcome;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationPhase;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationRound;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.DecodedSum;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.RevealedShare;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.Share;
import org.fdcfabric.protocol.secagg.UnmaskingResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SecureAggregationRoundTest {
    static final int LENGTH = 2_000;
    static final long[] SAMPLES = {120, 45, 300, 80, 999};
    /**
     * Stated tolerance against FedAvg in double precision: the codec's bound 2^-25 plus the final rounding to float
     * (values here stay below 4, so half an ulp is at most 2^-22).
     */
    static final double TOLERANCE = FixedPointCodec.DEFAULT.maxAbsoluteError() + Math.scalb(1.0, -22);

    final float[][] updates = Federation.randomUpdates(5, LENGTH, 11);

    static void assertMatchesFedAvg(DecodedSum aggregate, double[] expected) {
        float[] mean = aggregate.mean();
        assertThat(mean).hasSize(expected.length);
        double worst = 0;
        for (int j = 0; j < expected.length; j++) {
            worst = Math.max(worst, Math.abs(mean[j] - expected[j]));
        }
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }

    static UnmaskingResponse unmask(Federation f, String id) {
        return f.centers.get(id).unmask(f.unmaskingRequest);
    }

    @Nested
    class WithoutDropouts {
        @Test
        void equalsFedAvgWithinTheStatedTolerance() throws Exception {
            Federation f = new Federation(5, 3, LENGTH, 1);
            f.share();
            f.maskAndClose(f.ids(), updates, SAMPLES).orElseThrow();
            f.ids().forEach(id -> f.round.accept(unmask(f, id)));

            SecureAggregationOutcome outcome = f.round.finish();

            assertThat(outcome.completed()).isTrue();
            assertThat(outcome.summary().status()).isEqualTo("COMPLETED");
            assertThat(outcome.summary().totalSamples()).isEqualTo(LongStreamSum.of(SAMPLES));
            assertThat(outcome.summary().dropped()).isEmpty();
            assertMatchesFedAvg(
                    outcome.aggregate().orElseThrow(), Federation.fedAvg(updates, SAMPLES, List.of(0, 1, 2, 3, 4)));
            assertThat(f.round.phase()).isEqualTo(SecureAggregationPhase.COMPLETED);
        }

        @Test
        void aSingleMaskedInputLooksUniformlyRandomWhileTheUnmaskedEncodingDoesNot() throws Exception {
            int length = 20_000;
            Federation f = new Federation(3, 2, length, 2);
            float[] update = Federation.randomUpdates(1, length, 5)[0];
            f.share();
            MaskedInput seen = f.mask(f.ids().get(0), update, 1_000);

            long[] unmasked = FixedPointCodec.DEFAULT.encode(update, 1_000);
            double critical = 330.5; // chi-square, 255 degrees of freedom, p = 0.001
            assertThat(ByteChiSquare.of(seen.values())).isLessThan(critical);
            assertThat(ByteChiSquare.of(unmasked)).isGreaterThan(100 * critical);
        }
    }

    @Nested
    class Dropouts {
        @Test
        void aCenterThatDropsAfterSharingKeysIsRecoveredFromThePairwiseSeedShares() throws Exception {
            Federation f = new Federation(5, 3, LENGTH, 3);
            f.share();
            List<String> senders = f.ids().subList(0, 4);
            var request = f.maskAndClose(senders, updates, SAMPLES).orElseThrow();
            assertThat(request.dropped()).containsExactly(f.ids().get(4));
            senders.forEach(id -> f.round.accept(unmask(f, id)));

            SecureAggregationOutcome outcome = f.round.finish();

            assertThat(outcome.completed()).isTrue();
            assertThat(outcome.summary().dropped()).containsExactly(f.ids().get(4));
            assertMatchesFedAvg(
                    outcome.aggregate().orElseThrow(), Federation.fedAvg(updates, SAMPLES, List.of(0, 1, 2, 3)));
        }

        @Test
        void aCenterThatDropsAfterSendingItsMaskedInputIsRecoveredFromTheSelfSeedShares() throws Exception {
            Federation f = new Federation(5, 3, LENGTH, 4);
            f.share();
            f.maskAndClose(f.ids(), updates, SAMPLES).orElseThrow();
            f.ids().subList(1, 5).forEach(id -> f.round.accept(unmask(f, id)));

            SecureAggregationOutcome outcome = f.round.finish();

            assertThat(outcome.completed()).isTrue();
            assertThat(outcome.summary().responders()).hasSize(4);
            assertMatchesFedAvg(
                    outcome.aggregate().orElseThrow(), Federation.fedAvg(updates, SAMPLES, List.of(0, 1, 2, 3, 4)));
        }

        @Test
        void twoDropoutsAtBothStepsStillRecover() throws Exception {
            Federation f = new Federation(5, 3, LENGTH, 5);
            f.share();
            f.maskAndClose(f.ids().subList(0, 4), updates, SAMPLES).orElseThrow();
            f.ids().subList(0, 3).forEach(id -> f.round.accept(unmask(f, id)));

            SecureAggregationOutcome outcome = f.round.finish();

            assertMatchesFedAvg(
                    outcome.aggregate().orElseThrow(), Federation.fedAvg(updates, SAMPLES, List.of(0, 1, 2, 3)));
        }

        @Test
        void tooFewMaskedInputsFailsSafelyWithARecordableOutcome() throws Exception {
            Federation f = new Federation(5, 3, LENGTH, 6);
            f.share();

            var request = f.maskAndClose(f.ids().subList(0, 2), updates, SAMPLES);

            assertThat(request).isEmpty();
            assertThat(f.round.phase()).isEqualTo(SecureAggregationPhase.FAILED);
            SecureAggregationOutcome outcome = f.round.outcome().orElseThrow();
            assertThat(outcome.completed()).isFalse();
            assertThat(outcome.failure()).contains(SecureAggregationFailure.TOO_FEW_MASKED_INPUTS);
            assertThat(outcome.summary().status()).isEqualTo("FAILED");
            assertThat(outcome.summary().survivors())
                    .containsExactlyElementsOf(f.ids().subList(0, 2));
            assertThat(org.fdcfabric.protocol.json.CanonicalJson.write(outcome.summary()))
                    .contains("\"failure\":\"TOO_FEW_MASKED_INPUTS\"");
            assertThatThrownBy(() -> f.round.accept(f.mask(f.ids().get(2), updates[2], 10)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_WRONG_PHASE"));
        }

        @Test
        void tooFewUnmaskingResponsesFailsWithoutAnAggregate() throws Exception {
            Federation f = new Federation(5, 3, LENGTH, 7);
            f.share();
            f.maskAndClose(f.ids(), updates, SAMPLES).orElseThrow();
            f.ids().subList(0, 2).forEach(id -> f.round.accept(unmask(f, id)));

            SecureAggregationOutcome outcome = f.round.finish();

            assertThat(outcome.aggregate()).isEmpty();
            assertThat(outcome.failure()).contains(SecureAggregationFailure.TOO_FEW_UNMASKING_RESPONSES);
        }

        @Test
        void tooFewAdvertisementsFailBeforeAnyKeyIsShared() throws Exception {
            Federation f = new Federation(5, 3, LENGTH, 8);
            f.ids().subList(0, 2).forEach(id -> f.round.accept(f.centers.get(id).advertise()));

            assertThat(f.round.closeAdvertising()).isEmpty();
            assertThat(f.round.outcome().orElseThrow().failure()).contains(SecureAggregationFailure.TOO_FEW_ADVERTISED);
        }
    }

    @Nested
    class WrongAndDuplicateShares {
        Federation unmasking(long seed) throws Exception {
            Federation f = new Federation(5, 3, LENGTH, seed);
            f.share();
            f.maskAndClose(f.ids().subList(0, 4), updates, SAMPLES).orElseThrow();
            return f;
        }

        UnmaskingResponse tampered(UnmaskingResponse honest) {
            List<RevealedShare> shares = new ArrayList<>();
            for (RevealedShare s : honest.shares()) {
                BigInteger y = s.share().y().add(BigInteger.ONE).mod(org.fdcfabric.protocol.secagg.Shamir.PRIME);
                shares.add(new RevealedShare(s.secret(), new Share(s.share().x(), y)));
            }
            return new UnmaskingResponse(honest.session(), honest.holderId(), shares);
        }

        @Test
        void aWrongShareIsCaughtByTheCommitmentAndItsHolderNamed() throws Exception {
            Federation f = unmasking(9);
            String liar = f.ids().get(0);
            f.round.accept(tampered(unmask(f, liar)));
            f.ids().subList(1, 4).forEach(id -> f.round.accept(unmask(f, id)));

            SecureAggregationOutcome outcome = f.round.finish();

            assertThat(outcome.completed()).isTrue();
            assertThat(outcome.summary().wrongShareHolders()).containsExactly(liar);
            assertMatchesFedAvg(
                    outcome.aggregate().orElseThrow(), Federation.fedAvg(updates, SAMPLES, List.of(0, 1, 2, 3)));
        }

        @Test
        void wrongSharesWithoutEnoughHonestOnesFailTheRound() throws Exception {
            Federation f = unmasking(10);
            f.round.accept(tampered(unmask(f, f.ids().get(0))));
            f.ids().subList(1, 3).forEach(id -> f.round.accept(unmask(f, id)));

            SecureAggregationOutcome outcome = f.round.finish();

            assertThat(outcome.failure()).contains(SecureAggregationFailure.SHARES_INCONSISTENT);
            assertThat(outcome.aggregate()).isEmpty();
        }

        @Test
        void aSecondResponseFromTheSameHolderIsRefused() throws Exception {
            Federation f = unmasking(11);
            UnmaskingResponse response = unmask(f, f.ids().get(0));
            f.round.accept(response);

            assertThatThrownBy(() -> f.round.accept(response))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_DUPLICATE_MESSAGE"));
        }

        @Test
        void twoSharesOfOneSecretInAResponseAreRefused() throws Exception {
            Federation f = unmasking(12);
            UnmaskingResponse response = unmask(f, f.ids().get(0));
            List<RevealedShare> doubled = new ArrayList<>(response.shares());
            doubled.add(response.shares().get(0));

            assertThatThrownBy(() -> new UnmaskingResponse(response.session(), response.holderId(), doubled))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_DUPLICATE_SHARE"));
        }

        @Test
        void aShareAtAnotherHoldersPointIsRefused() throws Exception {
            Federation f = unmasking(13);
            UnmaskingResponse honest = unmask(f, f.ids().get(0));
            UnmaskingResponse other = unmask(f, f.ids().get(1));
            UnmaskingResponse replayed = new UnmaskingResponse(honest.session(), honest.holderId(), other.shares());

            assertThatThrownBy(() -> f.round.accept(replayed))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_WRONG_SHARE"));
            f.round.accept(honest);
        }
    }

    @Nested
    class RefusedMessages {
        @Test
        void anAdvertisementFromAnUnknownOrganisationOrWithABadSignatureIsRefused() throws Exception {
            Federation f = new Federation(3, 2, LENGTH, 14);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair stranger = gen.generateKeyPair();
            byte[] nonce = new byte[32];
            SessionId s = f.session;
            AdvertiseKeys forged = new AdvertiseKeys(
                    s,
                    "SchoolAMSP",
                    nonce,
                    Signatures.sign(stranger.getPrivate(), AdvertiseKeys.signedBytes(s, "SchoolAMSP", nonce)));
            AdvertiseKeys unknown = new AdvertiseKeys(
                    s,
                    "RogueMSP",
                    nonce,
                    Signatures.sign(stranger.getPrivate(), AdvertiseKeys.signedBytes(s, "RogueMSP", nonce)));

            assertThatThrownBy(() -> f.round.accept(forged))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_BAD_SIGNATURE"));
            assertThatThrownBy(() -> f.round.accept(unknown))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_UNKNOWN_CENTER"));
            f.round.accept(f.centers.get("SchoolAMSP").advertise());
        }

        @Test
        void anAdvertisementOfAnotherSessionIsRefused() throws Exception {
            Federation f = new Federation(3, 2, LENGTH, 15);
            Federation other = new Federation(3, 2, LENGTH, 15);
            SecureAggregationRound next = new SecureAggregationRound(new SessionId("job-7", 4), f.config, f.directory);

            assertThatThrownBy(() -> next.accept(other.centers.get("SchoolAMSP").advertise()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_WRONG_SESSION"));
        }

        @Test
        void aMaskedInputOfTheWrongLengthIsRefusedAndTheRoundGoesOn() throws Exception {
            Federation f = new Federation(3, 2, LENGTH, 16);
            f.share();
            String id = f.ids().get(0);

            assertThatThrownBy(() -> f.round.accept(f.mask(id, new float[LENGTH + 1], 10)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_WRONG_VECTOR_LENGTH"));
            assertThat(f.round.phase()).isEqualTo(SecureAggregationPhase.MASKING);
        }

        @Test
        void aCenterCannotSendTwoMaskedInputs() throws Exception {
            Federation f = new Federation(3, 2, LENGTH, 17);
            f.share();
            String id = f.ids().get(0);
            MaskedInput input = f.mask(id, updates[0], 10);
            f.round.accept(input);

            assertThatThrownBy(() -> f.round.accept(input))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_DUPLICATE_MESSAGE"));
        }

        @Test
        void aRosterTooLargeForTheThresholdIsRefusedBecauseMinoritiesCouldUnmask() throws Exception {
            Federation f = new Federation(4, 2, LENGTH, 18);
            f.ids().forEach(id -> f.round.accept(f.centers.get(id).advertise()));

            assertThat(f.round.closeAdvertising()).isEmpty();
            assertThat(f.round.outcome().orElseThrow().failure())
                    .contains(SecureAggregationFailure.THRESHOLD_NOT_A_MAJORITY);
        }
    }

    static final class LongStreamSum {
        static long of(long[] values) {
            return java.util.Arrays.stream(values).sum();
        }
    }

    static final class ByteChiSquare {
        /** Pearson's chi-square statistic of the byte values of the words against the uniform distribution. */
        static double of(long[] words) {
            long[] counts = new long[256];
            for (long w : words) {
                for (int b = 0; b < 8; b++) {
                    counts[(int) ((w >>> (8 * b)) & 0xFF)]++;
                }
            }
            double expected = words.length * 8 / 256.0;
            return IntStream.range(0, 256)
                    .mapToDouble(i -> (counts[i] - expected) * (counts[i] - expected) / expected)
                    .sum();
        }
    }
}
