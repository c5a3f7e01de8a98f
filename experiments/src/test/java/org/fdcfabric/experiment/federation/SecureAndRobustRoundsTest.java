package org.fdcfabric.experiment.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.RoundFailedException;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.AggregationPlan;
import org.fdcfabric.compute.job.RoundResult;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.learning.training.LocalTrainer;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingOutcome;
import org.fdcfabric.protocol.job.FlaggedUpdate;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.SecureRoundSummary;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerKind;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure and robust aggregation through the real coordinator and real in-process Federation services: the four
 * secure-aggregation calls per round, dropouts, a round below threshold, and a poisoned center against robust rules;
 * every round's aggregation mode lands in the round record on the (in-memory) chain.
 */
class SecureAndRobustRoundsTest {
    /**
     * Stated tolerance of secure against plain FedAvg: per round the fixed-point error is at most 2^-25 per
     * parameter, plus float rounding of the delta (local - global) and of the sum; a few rounds of training keep the
     * difference far below this.
     */
    static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    static TrainingPlan plan(long seed, int quorum, Duration deadline, AggregationPlan aggregation) {
        return Harness.plan(seed, quorum, deadline, 0).withAggregation(aggregation);
    }

    static final AggregationPlan SECURE = AggregationPlan.of(true, "fedavg", 0);

    @Nested
    class Secure {
        @Test
        void aSecureJobEndsWithThePlainJobsModelAndRecordsEveryRoundAsSecure() throws Exception {
            try (Harness h = new Harness("secure-equal", 5, dir)) {
                h.job("plain", 3, plan(11, 3, Duration.ofSeconds(30), AggregationPlan.PLAIN));
                h.job("secure", 3, plan(11, 3, Duration.ofSeconds(30), SECURE));
                JobResult plain = h.coordinator().run("plain");
                JobResult secure = h.coordinator().run("secure");

                assertThat(maxDifference(plain.finalModel(), secure.finalModel()))
                        .isLessThanOrEqualTo(TOLERANCE);
                List<RoundResult> rounds = h.ledger.recordedRounds("secure");
                assertThat(rounds).hasSize(3);
                for (RoundResult round : rounds) {
                    RoundAggregation a = round.aggregation();
                    assertThat(a.mode()).isEqualTo(RoundAggregation.SECURE);
                    assertThat(a.status()).isEqualTo(RoundAggregation.COMPLETED);
                    assertThat(a.secure().threshold()).isEqualTo(3);
                    assertThat(a.secure().survivors()).containsExactlyElementsOf(h.datasetIds);
                    assertThat(a.secure().dropped()).isEmpty();
                    assertThat(round.participants()).hasSize(5).allSatisfy(p -> assertThat(p.commitment())
                            .matches("[0-9a-f]{64}"));
                }
                assertThat(h.ledger.recordedRounds("plain").get(0).aggregation().mode())
                        .isEqualTo(RoundAggregation.PLAIN);
                assertThat(secure.rounds().get(2).evaluation().get("accuracy")).isGreaterThan(0.7);
                // Every center trained and was charged (usage) for each secure round, by masked training only.
                assertThat(h.ledger.usage())
                        .filteredOn(
                                u -> u.jobId().equals("secure") && u.operation().equals("train"))
                        .hasSize(15);
            }
        }

        /** The server optimizer acts on the sum secure aggregation reveals, so a secure FedYogi job is a plain one. */
        @Test
        void aServerOptimizerComposesWithSecureAggregation() throws Exception {
            ServerOptimizerTerms yogi = ServerOptimizerTerms.of(ServerOptimizerKind.FEDYOGI, 0.05);
            try (Harness h = new Harness("secure-yogi", 4, dir)) {
                h.job(
                        "plain",
                        3,
                        plan(11, 3, Duration.ofSeconds(30), AggregationPlan.PLAIN)
                                .withOptimization(yogi, ScheduleTerms.CONSTANT));
                h.job(
                        "secure",
                        3,
                        plan(11, 3, Duration.ofSeconds(30), SECURE).withOptimization(yogi, ScheduleTerms.CONSTANT));
                h.job("plain-fedavg", 3, plan(11, 3, Duration.ofSeconds(30), AggregationPlan.PLAIN));
                JobResult plain = h.coordinator().run("plain");
                JobResult secure = h.coordinator().run("secure");

                // the fixed-point rounding of the masked sum passes through m / (sqrt(v) + tau), which can amplify
                // it by up to eta (1 - beta1) / tau = 5 per round
                assertThat(maxDifference(plain.finalModel(), secure.finalModel()))
                        .isLessThanOrEqualTo(100 * TOLERANCE);
                assertThat(maxDifference(
                                plain.finalModel(),
                                h.coordinator().run("plain-fedavg").finalModel()))
                        .isGreaterThan(100 * TOLERANCE);
                assertThat(h.ledger.recordedRounds("secure"))
                        .allSatisfy(r -> assertThat(r.aggregation().mode()).isEqualTo(RoundAggregation.SECURE));
            }
        }

        @Test
        void aCenterThatDropsAfterSharingKeysIsRecoveredFromTheOthersShares() throws Exception {
            Function<String, Function<ModelFamily, LocalTrainer>> trainers =
                    id -> id.equals("center-c") ? family -> sleepingTrainer(family, 6_000) : Trainers::forFamily;
            try (Harness h = new Harness("secure-drop", 5, dir, trainers)) {
                h.job("plain", 1, plan(5, 3, Duration.ofSeconds(3), AggregationPlan.PLAIN));
                h.job("secure", 1, plan(5, 3, Duration.ofSeconds(3), SECURE));
                JobResult plain = h.coordinator().run("plain");
                JobResult secure = h.coordinator().run("secure");

                RoundResult round = h.ledger.recordedRounds("secure").get(0);
                SecureRoundSummary summary = round.aggregation().secure();
                assertThat(round.aggregation().status()).isEqualTo(RoundAggregation.COMPLETED);
                assertThat(summary.advertised()).hasSize(5);
                assertThat(summary.dropped()).containsExactly("center-c");
                assertThat(summary.survivors()).containsExactly("center-a", "center-b", "center-d", "center-e");
                assertThat(round.participants()).extracting(p -> p.datasetId()).doesNotContain("center-c");
                assertThat(round.absences()).singleElement().satisfies(a -> {
                    assertThat(a.datasetId()).isEqualTo("center-c");
                    assertThat(a.kind()).isEqualTo(Absence.Kind.STRAGGLER);
                    assertThat(a.reason()).contains("masked input");
                });
                // Same four updates averaged in the clear: the masks of center-c were removed exactly.
                assertThat(maxDifference(plain.finalModel(), secure.finalModel()))
                        .isLessThanOrEqualTo(TOLERANCE);
            }
        }

        @Test
        void aSurvivorThatDropsBeforeUnmaskingStillCounts() throws Exception {
            Harness[] harness = new Harness[1];
            Function<String, Function<ModelFamily, LocalTrainer>> trainers = id -> id.equals("center-d")
                    ? family -> (global, data, config) -> {
                        TrainingOutcome outcome = Trainers.forFamily(family).train(global, data, config);
                        // Its pass is revoked mid-round: the unmasking call is refused by its own pass check.
                        harness[0].ledger.revokePass("secure", "center-d");
                        return outcome;
                    }
                    : Trainers::forFamily;
            try (Harness h = new Harness("secure-late", 5, dir, trainers)) {
                harness[0] = h;
                h.job("secure", 1, plan(5, 3, Duration.ofSeconds(30), SECURE));
                h.coordinator().run("secure");

                RoundResult round = h.ledger.recordedRounds("secure").get(0);
                SecureRoundSummary summary = round.aggregation().secure();
                assertThat(summary.survivors()).hasSize(5);
                assertThat(summary.responders()).hasSize(4).doesNotContain("center-d");
                assertThat(round.participants()).hasSize(5);
                assertThat(h.ledger.usage())
                        .filteredOn(u -> !u.granted())
                        .extracting(u -> u.datasetId())
                        .contains("center-d");
            }
        }

        @Test
        void belowTheThresholdTheRoundFailsIsRecordedAsFailedAndTheModelIsKept() throws Exception {
            Function<String, Function<ModelFamily, LocalTrainer>> trainers = id ->
                    id.compareTo("center-c") >= 0 ? family -> sleepingTrainer(family, 6_000) : Trainers::forFamily;
            try (Harness h = new Harness("secure-fail", 5, dir, trainers)) {
                h.job("secure", 2, plan(5, 2, Duration.ofSeconds(3), SECURE));
                assertThatThrownBy(() -> h.coordinator().run("secure"))
                        .isInstanceOf(RoundFailedException.class)
                        .hasMessageContaining("TOO_FEW_MASKED_INPUTS")
                        .hasMessageContaining("recorded as failed");

                List<RoundResult> rounds = h.ledger.recordedRounds("secure");
                assertThat(rounds).singleElement().satisfies(round -> {
                    assertThat(round.aggregation().status()).isEqualTo(RoundAggregation.FAILED);
                    assertThat(round.aggregation().secure().failure()).isEqualTo("TOO_FEW_MASKED_INPUTS");
                    assertThat(round.aggregation().secure().threshold()).isEqualTo(3);
                    assertThat(round.aggregation().secure().survivors()).containsExactly("center-a", "center-b");
                    assertThat(round.participants()).isEmpty();
                    assertThat(round.aggregateModelHash())
                            .isEqualTo(round.progress().previousModelHash());
                    assertThat(round.absences())
                            .extracting(Absence::datasetId)
                            .containsExactly("center-c", "center-d", "center-e");
                });
                assertThat(h.ledger.completedModelHash("secure")).isEmpty();
                assertThat(h.meters
                                .get("fdc.coordinator.failed.rounds")
                                .counter()
                                .count())
                        .isEqualTo(1);
            }
        }
    }

    @Nested
    class Robust {
        static final ModelArchitecture MLP = ModelArchitecture.mlp(6, List.of(16), 4);

        TrainingPlan mlpPlan(String aggregator) {
            return new TrainingPlan(
                    MLP, 1, 0.05, 8, 0, 1.0, 5, Duration.ofSeconds(30), 0, 3, AggregationPlan.of(false, aggregator, 0));
        }

        double accuracy(String namespace, String aggregator, boolean poisoned) throws Exception {
            Function<String, Function<ModelFamily, LocalTrainer>> trainers = id ->
                    poisoned && id.equals("center-e") ? family -> scaledTrainer(family, 100) : Trainers::forFamily;
            try (Harness h = new Harness(namespace, 5, dir.resolve(namespace), trainers)) {
                h.job("job", 6, mlpPlan(aggregator));
                JobResult result = h.coordinator().run("job");
                lastRecords = h.ledger.recordedRounds("job");
                return result.rounds()
                        .get(result.rounds().size() - 1)
                        .evaluation()
                        .get("accuracy");
            }
        }

        List<RoundResult> lastRecords;

        @Test
        void onePoisonedCenterOfFiveBreaksFedAvgButNotTheTrimmedMeanWhichFlagsIt() throws Exception {
            double clean = accuracy("robust-clean", "fedavg", false);
            double fedavg = accuracy("robust-fedavg", "fedavg", true);
            double trimmed = accuracy("robust-trimmed", "trimmed-mean:beta=0.2", true);
            List<RoundResult> trimmedRounds = lastRecords;

            assertThat(clean).isGreaterThan(0.7);
            assertThat(fedavg).as("plain FedAvg under the x100 attack").isLessThan(clean - 0.1);
            assertThat(trimmed).as("trimmed mean under the x100 attack").isGreaterThan(clean - 0.02);
            for (RoundResult round : trimmedRounds) {
                assertThat(round.aggregation().aggregator()).isEqualTo("trimmed-mean");
                assertThat(round.aggregation().parameters()).containsEntry("beta", "0.2");
                assertThat(round.aggregation().flagged())
                        .extracting(FlaggedUpdate::datasetId)
                        .contains("center-e");
                assertThat(round.participants()).hasSize(5);
            }
        }

        @Test
        void clippingFlagsTheScaledUpdateAsClipped() throws Exception {
            accuracy("robust-clip", "fedavg:clip=2", true);
            assertThat(lastRecords.get(0).aggregation().flagged())
                    .filteredOn(f -> f.datasetId().equals("center-e"))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.verdict()).isEqualTo("CLIPPED");
                        assertThat(f.norm()).isPositive();
                        assertThat(f.reason()).contains("clipped");
                    });
        }
    }

    @Nested
    class JobSpec {
        @Test
        void secureWithARobustRuleIsRefusedWithTheReason() {
            assertThatThrownBy(() -> AggregationPlan.of(true, "median", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SECURE_WITH_ROBUST_AGGREGATOR");
            assertThatThrownBy(() -> AggregationPlan.of(true, "fedavg:clip=5", 0))
                    .hasMessageContaining("SECURE_WITH_ROBUST_AGGREGATOR");
        }

        @Test
        void anUnknownRuleOrBadThresholdIsRefused() {
            assertThatThrownBy(() -> AggregationPlan.of(false, "mean-ish", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown aggregation rule");
            assertThatThrownBy(() -> AggregationPlan.of(true, "fedavg", 1)).hasMessageContaining("secure threshold");
            assertThatThrownBy(() -> AggregationPlan.of(false, "fedavg", 3))
                    .hasMessageContaining("secure aggregation only");
        }
    }

    static LocalTrainer sleepingTrainer(ModelFamily family, long millis) {
        return (global, data, config) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Trainers.forFamily(family).train(global, data, config);
        };
    }

    /** The x100 attack: the center sends global + 100 x (its honest delta). */
    static LocalTrainer scaledTrainer(ModelFamily family, float factor) {
        return (global, data, config) -> {
            TrainingOutcome honest = Trainers.forFamily(family).train(global, data, config);
            float[] w = honest.weights().values();
            for (int i = 0; i < w.length; i++) {
                w[i] = global.valueAt(i) + factor * (w[i] - global.valueAt(i));
            }
            return new TrainingOutcome(ModelWeights.of(global.spec(), global.schemaHash(), w), honest.trainingLoss());
        };
    }

    static double maxDifference(ModelWeights a, ModelWeights b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.valueAt(i) - b.valueAt(i)));
        }
        return max;
    }
}
