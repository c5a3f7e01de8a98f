package org.fdcfabric.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobRulesTest {
    static final Instant DEADLINE = Instant.parse("2027-01-01T00:00:00Z");
    static final String HASH = "ab".repeat(32);

    static JobOffer offer() {
        return new JobOffer(
                "job-1",
                List.of("ds-one", "ds-two"),
                "activity recognition",
                2,
                10_000,
                500,
                "ComputeMSP",
                new ModelSpec("logistic-regression", Map.of("learningRate", "0.05")),
                5,
                DEADLINE);
    }

    static JobOffer with(UnaryOperator<Object[]> change) {
        JobOffer o = offer();
        Object[] f = {
            o.jobId(),
            o.datasetIds(),
            o.purpose(),
            o.tokensPerSample(),
            o.providerCap(),
            o.computeFee(),
            o.computeMsp(),
            o.model(),
            o.rounds(),
            o.deadline()
        };
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) f[1];
        return new JobOffer(
                (String) f[0],
                ids,
                (String) f[2],
                (long) f[3],
                (long) f[4],
                (long) f[5],
                (String) f[6],
                (ModelSpec) f[7],
                (long) f[8],
                (Instant) f[9]);
    }

    static Object[] set(Object[] f, int i, Object v) {
        f[i] = v;
        return f;
    }

    static Stream<Arguments> badOffers() {
        return Stream.of(
                Arguments.of("INVALID_JOB_ID", with(f -> set(f, 0, "-bad"))),
                Arguments.of("INVALID_JOB_ID", with(f -> set(f, 0, null))),
                Arguments.of("INVALID_DATASET_ID", with(f -> set(f, 1, List.of()))),
                Arguments.of("INVALID_DATASET_ID", with(f -> set(f, 1, List.of("Bad Id")))),
                Arguments.of("DUPLICATE_DATASET", with(f -> set(f, 1, List.of("ds-one", "ds-one")))),
                Arguments.of("INVALID_PURPOSE", with(f -> set(f, 2, " "))),
                Arguments.of("INVALID_PURPOSE", with(f -> set(f, 2, "x".repeat(257)))),
                Arguments.of("INVALID_AMOUNT", with(f -> set(f, 3, 0L))),
                Arguments.of("INVALID_AMOUNT", with(f -> set(f, 4, -1L))),
                Arguments.of("INVALID_AMOUNT", with(f -> set(f, 5, -1L))),
                Arguments.of("INVALID_AMOUNT", with(f -> set(set(f, 4, Long.MAX_VALUE), 5, 1L))),
                Arguments.of("INVALID_MSP_ID", with(f -> set(f, 6, "escrow:job-1"))),
                Arguments.of("INVALID_MODEL_SPEC", with(f -> set(f, 7, null))),
                Arguments.of("INVALID_MODEL_SPEC", with(f -> set(f, 7, new ModelSpec("MLP", Map.of())))),
                Arguments.of("INVALID_MODEL_SPEC", with(f -> set(f, 7, new ModelSpec("mlp", Map.of("lr", ""))))),
                Arguments.of("INVALID_ROUNDS", with(f -> set(f, 8, 0L))),
                Arguments.of("INVALID_ROUNDS", with(f -> set(f, 8, JobRules.MAX_ROUNDS + 1))),
                Arguments.of("INVALID_DEADLINE", with(f -> set(f, 9, null))));
    }

    @Nested
    class Offers {
        @Test
        void aGoodOfferPassesAndEscrowsCapPlusFee() {
            assertThatCode(() -> JobRules.validateOffer(offer())).doesNotThrowAnyException();
            assertThat(offer().escrowAmount()).isEqualTo(10_500);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.fdcfabric.protocol.job.JobRulesTest#badOffers")
        void badOffersAreRefusedWithTheirCode(String code, JobOffer bad) {
            assertThatThrownBy(() -> JobRules.validateOffer(bad))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(code));
        }

        @Test
        void roundTripsThroughCanonicalJson() {
            String json = CanonicalJson.write(offer());
            assertThat(CanonicalJson.read(json, JobOffer.class)).isEqualTo(offer());
            assertThat(json).startsWith("{\"computeFee\":500,\"computeMsp\":\"ComputeMSP\",\"datasetIds\"");
            assertThat(json).contains("\"deadline\":\"2027-01-01T00:00:00Z\"");
        }
    }

    static RoundSubmission round(
            List<UpdateCommitment> contributions,
            List<String> stragglers,
            String hash,
            Map<String, BigDecimal> metrics) {
        return new RoundSubmission(1, contributions, stragglers, hash, metrics);
    }

    static final UpdateCommitment GOOD = new UpdateCommitment("ds-one", 100, HASH);

    static Stream<Arguments> badRounds() {
        return Stream.of(
                Arguments.of("INVALID_ROUND", new RoundSubmission(0, List.of(GOOD), List.of(), HASH, Map.of())),
                Arguments.of("INVALID_CONTRIBUTIONS", round(null, List.of(), HASH, Map.of())),
                Arguments.of("INVALID_CONTRIBUTIONS", round(List.of(), List.of(), HASH, Map.of())),
                Arguments.of(
                        "INVALID_DATASET_ID",
                        round(List.of(new UpdateCommitment("X", 1, HASH)), List.of(), HASH, Map.of())),
                Arguments.of("DUPLICATE_DATASET", round(List.of(GOOD, GOOD), List.of(), HASH, Map.of())),
                Arguments.of(
                        "INVALID_SAMPLES",
                        round(List.of(new UpdateCommitment("ds-one", 0, HASH)), List.of(), HASH, Map.of())),
                Arguments.of(
                        "INVALID_COMMITMENT",
                        round(
                                List.of(new UpdateCommitment("ds-one", 1, HASH.toUpperCase())),
                                List.of(),
                                HASH,
                                Map.of())),
                Arguments.of("INVALID_STRAGGLERS", round(List.of(GOOD), List.of("ds-one"), HASH, Map.of())),
                Arguments.of("INVALID_MODEL_HASH", round(List.of(GOOD), List.of(), "abc", Map.of())),
                Arguments.of(
                        "INVALID_METRICS", round(List.of(GOOD), List.of(), HASH, Map.of("bad name", BigDecimal.ONE))),
                Arguments.of(
                        "INVALID_METRICS",
                        round(List.of(GOOD), List.of(), HASH, Map.of("huge", new BigDecimal("1e-99")))),
                Arguments.of("INVALID_PROGRESS", progressed(new RoundProgress("abc", BigDecimal.ONE, false))),
                Arguments.of("INVALID_PROGRESS", progressed(new RoundProgress(HASH, null, false))),
                Arguments.of("INVALID_PROGRESS", progressed(new RoundProgress(HASH, new BigDecimal("-0.5"), false))),
                Arguments.of("INVALID_PROGRESS", progressed(new RoundProgress(HASH, new BigDecimal("1e-99"), true))));
    }

    static RoundSubmission progressed(RoundProgress progress) {
        return new RoundSubmission(1, List.of(GOOD), List.of(), HASH, Map.of(), null, progress);
    }

    @Nested
    class Rounds {
        @Test
        void aGoodRoundPassesAndKeepsDecimalMetricsExact() {
            RoundSubmission r =
                    round(List.of(GOOD), List.of("ds-two"), HASH, Map.of("accuracy", new BigDecimal("0.9125")));
            assertThatCode(() -> JobRules.validateRound(r)).doesNotThrowAnyException();
            String json = CanonicalJson.write(r);
            assertThat(json).contains("\"metrics\":{\"accuracy\":0.9125}");
            assertThat(CanonicalJson.read(json, RoundSubmission.class)).isEqualTo(r);
        }

        @Test
        void progressIsAFieldOfItsOwnNotAMetric() {
            RoundSubmission r = progressed(new RoundProgress(HASH, new BigDecimal("0.0625"), true));
            assertThatCode(() -> JobRules.validateRound(r)).doesNotThrowAnyException();
            String json = CanonicalJson.write(r);
            assertThat(json)
                    .contains("\"metrics\":{}")
                    .contains("\"progress\":{\"converged\":true,\"distance\":0.0625,\"previousModelHash\":\"" + HASH);
            assertThat(CanonicalJson.read(json, RoundSubmission.class)).isEqualTo(r);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.fdcfabric.protocol.job.JobRulesTest#badRounds")
        void badRoundsAreRefusedWithTheirCode(String code, RoundSubmission bad) {
            assertThatThrownBy(() -> JobRules.validateRound(bad))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(code));
        }
    }
}
