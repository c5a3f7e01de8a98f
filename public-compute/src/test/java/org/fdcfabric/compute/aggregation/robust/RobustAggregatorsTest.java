package org.fdcfabric.compute.aggregation.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Five centers, four honest (a shared direction plus 10% noise), one poisoned. "Close" means within 15% of the
 * clean mean's norm; plain FedAvg must be visibly off for the same input, so each test proves the defence works.
 */
class RobustAggregatorsTest {
    static final int LENGTH = 1_000;
    static final String POISONER = "SchoolEMSP";
    static final List<String> ROBUST =
            List.of("median", "trimmed-mean:beta=0.2", "krum:f=1", "multi-krum:f=1,m=3", "fedavg:clip=40");

    final float[] direction = new float[LENGTH];
    final List<CenterUpdate> honest = new ArrayList<>();
    final double[] cleanMean = new double[LENGTH];
    final CenterUpdate fifthHonest;

    RobustAggregatorsTest() {
        Random random = new Random(42);
        for (int j = 0; j < LENGTH; j++) {
            direction[j] = (float) random.nextGaussian();
        }
        long[] samples = {100, 250, 80, 170};
        long total = 0;
        for (int i = 0; i < 4; i++) {
            float[] delta = new float[LENGTH];
            for (int j = 0; j < LENGTH; j++) {
                delta[j] = direction[j] + (float) (0.1 * random.nextGaussian());
                cleanMean[j] += samples[i] * delta[j];
            }
            total += samples[i];
            honest.add(new CenterUpdate("School" + (char) ('A' + i) + "MSP", samples[i], delta));
        }
        for (int j = 0; j < LENGTH; j++) {
            cleanMean[j] /= total;
        }
        float[] fifth = new float[LENGTH];
        for (int j = 0; j < LENGTH; j++) {
            fifth[j] = direction[j] + (float) (0.1 * random.nextGaussian());
        }
        fifthHonest = new CenterUpdate(POISONER, 120, fifth);
    }

    List<CenterUpdate> withPoisoner(UnaryOperator<float[]> attack) {
        List<CenterUpdate> all = new ArrayList<>(honest);
        all.add(new CenterUpdate(POISONER, 120, attack.apply(honest.get(0).delta())));
        return all;
    }

    /** ||aggregate - clean mean|| / ||clean mean||; NaN if the aggregate is not finite. */
    double relativeError(float[] aggregate) {
        double diff = 0;
        double norm = 0;
        for (int j = 0; j < LENGTH; j++) {
            diff += (aggregate[j] - cleanMean[j]) * (aggregate[j] - cleanMean[j]);
            norm += cleanMean[j] * cleanMean[j];
        }
        return Math.sqrt(diff / norm);
    }

    static float[] scaled(float[] v, float factor) {
        float[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] *= factor;
        }
        return out;
    }

    double fedAvgError(List<CenterUpdate> updates) {
        return relativeError(
                RobustAggregators.byName("fedavg").aggregate(updates).delta());
    }

    @Nested
    class ScaledBy100 {
        final List<CenterUpdate> updates = withPoisoner(v -> scaled(v, 100));

        @Test
        void breaksPlainFedAvg() {
            assertThat(fedAvgError(updates)).isGreaterThan(5);
        }

        @ParameterizedTest
        @ValueSource(strings = {"median", "trimmed-mean:beta=0.2", "krum:f=1", "multi-krum:f=1,m=3", "fedavg:clip=40"})
        void robustRulesStayCloseToTheCleanMeanAndFlagThePoisoner(String rule) {
            RobustAggregate result = RobustAggregators.byName(rule).aggregate(updates);

            assertThat(relativeError(result.delta())).isLessThan(0.15);
            if (!rule.equals("median")) {
                assertThat(result.flagged()).extracting(UpdateVerdict::centerId).contains(POISONER);
            }
        }
    }

    @Nested
    class NotANumber {
        final List<CenterUpdate> updates = withPoisoner(v -> {
            float[] out = v.clone();
            out[7] = Float.NaN;
            return out;
        });

        @Test
        void turnsTextbookFedAvgIntoNaNButOurFedAvgRejectsIt() {
            float[] naive = new float[LENGTH];
            long total = updates.stream().mapToLong(CenterUpdate::sampleCount).sum();
            for (CenterUpdate u : updates) {
                for (int j = 0; j < LENGTH; j++) {
                    naive[j] += (float) u.sampleCount() / total * u.valueAt(j);
                }
            }
            assertThat(naive[7]).isNaN();

            RobustAggregate result = RobustAggregators.byName("fedavg").aggregate(updates);
            assertThat(result.flagged()).singleElement().satisfies(v -> {
                assertThat(v.centerId()).isEqualTo(POISONER);
                assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
            });
            assertThat(relativeError(result.delta())).isLessThan(0.01);
        }

        @ParameterizedTest
        @ValueSource(strings = {"median", "trimmed-mean:beta=0.2", "krum:f=1", "multi-krum:f=1,m=3", "fedavg:clip=40"})
        void robustRulesRejectItAndStayClose(String rule) {
            RobustAggregate result = RobustAggregators.byName(rule).aggregate(updates);

            assertThat(result.delta()).doesNotContain(Float.NaN);
            assertThat(relativeError(result.delta())).isLessThan(0.15);
            assertThat(result.verdicts().get(4).verdict()).isEqualTo(Verdict.REJECTED);
        }
    }

    @Nested
    class SignFlipped {
        final List<CenterUpdate> updates = withPoisoner(v -> scaled(v, -1));

        @Test
        void visiblyPullsPlainFedAvg() {
            assertThat(fedAvgError(updates)).isGreaterThan(0.3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"median", "trimmed-mean:beta=0.2", "krum:f=1", "multi-krum:f=1,m=3"})
        void robustRulesStayClose(String rule) {
            RobustAggregate result = RobustAggregators.byName(rule).aggregate(updates);

            assertThat(relativeError(result.delta())).isLessThan(0.15);
        }

        @Test
        void krumRejectsExactlyThePoisonerWhenAveragingTheRest() {
            RobustAggregate result =
                    RobustAggregators.byName("multi-krum:f=1,m=4").aggregate(updates);

            assertThat(result.flagged()).singleElement().satisfies(v -> {
                assertThat(v.centerId()).isEqualTo(POISONER);
                assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
            });
            assertThat(relativeError(result.delta())).isLessThan(0.01);
        }

        @Test
        void trimmedMeanFlagsThePoisonerAsTrimmed() {
            RobustAggregate result =
                    RobustAggregators.byName("trimmed-mean:beta=0.2").aggregate(updates);

            assertThat(result.verdicts().get(4).verdict()).isEqualTo(Verdict.TRIMMED);
        }
    }

    @Nested
    class CleanRounds {
        @Test
        void withoutAttackEveryRuleIsCloseAndFedAvgIsExact() {
            List<CenterUpdate> clean = new ArrayList<>(honest);
            clean.add(fifthHonest);
            for (String rule : ROBUST) {
                assertThat(relativeError(
                                RobustAggregators.byName(rule).aggregate(clean).delta()))
                        .as(rule)
                        .isLessThan(0.1);
            }
            RobustAggregate plain = RobustAggregators.byName("fedavg").aggregate(honest);
            assertThat(relativeError(plain.delta())).isLessThan(1e-6);
            assertThat(plain.flagged()).isEmpty();
        }

        @Test
        void aValueBeyondTheBoundIsRejected() {
            List<CenterUpdate> updates = withPoisoner(v -> {
                float[] out = v.clone();
                out[0] = 1e6f;
                return out;
            });
            RobustAggregate result =
                    RobustAggregators.byName("fedavg:bound=100").aggregate(updates);

            assertThat(result.verdicts().get(4).verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(result.verdicts().get(4).reason()).contains("exceeds the bound");
        }
    }

    @Nested
    class BadInput {
        void assertCode(Runnable action, String code) {
            assertThatThrownBy(action::run)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(code));
        }

        @Test
        void unknownRulesAndBadParametersAreRefused() {
            assertCode(() -> RobustAggregators.byName("mode"), "INVALID_AGGREGATION_RULE");
            assertCode(() -> RobustAggregators.byName("median:beta=0.1"), "INVALID_AGGREGATION_RULE");
            assertCode(() -> RobustAggregators.byName("trimmed-mean:beta=0.5"), "INVALID_AGGREGATION_RULE");
            assertCode(() -> RobustAggregators.byName("krum:f=1.5"), "INVALID_AGGREGATION_RULE");
            assertCode(() -> RobustAggregators.byName("fedavg:clip=-1"), "INVALID_AGGREGATION_RULE");
            assertCode(() -> RobustAggregators.byName("krum:f=1,f=2"), "INVALID_AGGREGATION_RULE");
            assertThat(RobustAggregators.byName("multi-krum:f=1,m=3").rule()).isEqualTo("multi-krum:f=1,m=3");
        }

        @Test
        void mismatchedLengthsDuplicateCentersAndTooFewUpdatesAreRefused() {
            List<CenterUpdate> ragged = new ArrayList<>(honest);
            ragged.add(new CenterUpdate(POISONER, 1, new float[LENGTH + 1]));
            assertCode(() -> RobustAggregators.byName("median").aggregate(ragged), "INVALID_UPDATE");

            List<CenterUpdate> twice = new ArrayList<>(honest);
            twice.add(honest.get(0));
            assertCode(() -> RobustAggregators.byName("median").aggregate(twice), "INVALID_UPDATE");

            assertCode(() -> RobustAggregators.byName("krum:f=1").aggregate(honest), "NOT_ENOUGH_UPDATES");
        }
    }
}
