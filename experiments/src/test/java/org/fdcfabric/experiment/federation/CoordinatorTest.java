package org.fdcfabric.experiment.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.RoundFailedException;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.JobLedger;
import org.fdcfabric.compute.job.RoundResult;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.learning.training.LocalTrainer;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleKind;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerKind;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorTest {
    @TempDir
    Path dir;

    @Nested
    class Rounds {
        @Test
        void trainsRecordsEveryRoundCompletesTheJobAndSavesProvenance() throws Exception {
            try (Harness h = new Harness("rounds", 3, dir)) {
                h.job("job-1", 4, Harness.plan(7, 2, Duration.ofSeconds(20), 0));
                JobResult result = h.coordinator().run("job-1");

                List<RoundResult> rounds = h.ledger.recordedRounds("job-1");
                assertThat(rounds).hasSize(4).extracting(RoundResult::round).containsExactly(1, 2, 3, 4);
                assertThat(rounds.get(0).participants()).hasSize(3).allSatisfy(p -> assertThat(p.commitment())
                        .matches("[0-9a-f]{64}"));
                assertThat(rounds.get(1).progress().previousModelHash())
                        .isEqualTo(rounds.get(0).aggregateModelHash());
                assertThat(h.ledger.completedModelHash("job-1")).contains(result.finalModelHash());
                assertThat(result.finalModelHash()).isEqualTo(rounds.get(3).aggregateModelHash());
                assertThat(result.rounds().get(3).evaluation().get("accuracy")).isGreaterThan(0.7);
                assertThat(Files.readString(dir.resolve("job-1/final.provenance.json")))
                        .contains("\"roundHashes\"", rounds.get(3).aggregateModelHash(), "center-a");
                assertThat(h.meters.get("fdc.coordinator.round").timer().count())
                        .isEqualTo(4);
                assertThat(h.meters.get("fdc.coordinator.received").counter().count())
                        .isPositive();
            }
        }

        @Test
        void refusedCentersAreRecordedAndTheRoundCompletesWithTheQuorum() throws Exception {
            try (Harness h = new Harness("refusals", 4, dir)) {
                h.job("job-r", 2, Harness.plan(7, 2, Duration.ofSeconds(20), 0));
                h.ledger.revokePass("job-r", "center-b");
                h.ledger.expirePass("job-r", "center-d");
                h.coordinator().run("job-r");

                RoundResult first = h.ledger.recordedRounds("job-r").get(0);
                assertThat(first.participants()).extracting(p -> p.datasetId()).containsExactly("center-a", "center-c");
                assertThat(first.absences())
                        .extracting(Absence::datasetId, Absence::kind)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("center-b", Absence.Kind.REFUSED),
                                org.assertj.core.groups.Tuple.tuple("center-d", Absence.Kind.REFUSED));
                assertThat(first.absences())
                        .anySatisfy(a -> assertThat(a.reason()).contains("PASS_REVOKED"));
                assertThat(first.absences())
                        .anySatisfy(a -> assertThat(a.reason()).contains("PASS_EXPIRED"));
                assertThat(h.ledger.usage())
                        .filteredOn(u -> !u.granted())
                        .extracting(u -> u.reason())
                        .contains("PASS_REVOKED", "PASS_EXPIRED");
            }
        }

        @Test
        void aCenterSleepingPastTheDeadlineIsRecordedAsAStraggler() throws Exception {
            Function<String, Function<ModelFamily, LocalTrainer>> trainers = id -> id.equals("center-c")
                    ? family -> (global, data, config) -> {
                        sleep(3_000);
                        return Trainers.forFamily(family).train(global, data, config);
                    }
                    : Trainers::forFamily;
            try (Harness h = new Harness("straggler", 3, dir, trainers)) {
                h.job("job-s", 1, Harness.plan(7, 2, Duration.ofMillis(1500), 0));
                h.coordinator().run("job-s");
                RoundResult first = h.ledger.recordedRounds("job-s").get(0);
                assertThat(first.participants()).extracting(p -> p.datasetId()).containsExactly("center-a", "center-b");
                assertThat(first.absences()).singleElement().satisfies(a -> {
                    assertThat(a.datasetId()).isEqualTo("center-c");
                    assertThat(a.kind()).isEqualTo(Absence.Kind.STRAGGLER);
                });
                assertThat(h.meters
                                .get("fdc.coordinator.absences")
                                .tag("kind", "straggler")
                                .counter()
                                .count())
                        .isEqualTo(1);
            }
        }

        @Test
        void withoutTheQuorumNothingIsRecorded() throws Exception {
            try (Harness h = new Harness("quorum", 3, dir)) {
                h.job("job-q", 2, Harness.plan(7, 3, Duration.ofSeconds(20), 0));
                h.ledger.revokePass("job-q", "center-a");
                assertThatThrownBy(() -> h.coordinator().run("job-q"))
                        .isInstanceOf(RoundFailedException.class)
                        .hasMessageContaining("quorum is 3");
                assertThat(h.ledger.recordedRounds("job-q")).isEmpty();
                assertThat(h.ledger.completedModelHash("job-q")).isEmpty();
            }
        }

        @Test
        void samplesTheFractionCButNeverBelowTheQuorum() throws Exception {
            try (Harness h = new Harness("sampling", 5, dir)) {
                JobAssignment job = h.job(
                        "job-c",
                        3,
                        new TrainingPlan(
                                ModelArchitecture.logistic(6, 4), 1, 0.05, 8, 0, 0.4, 1, Duration.ofSeconds(20), 0, 3));
                h.coordinator().run("job-c");
                assertThat(h.ledger.recordedRounds("job-c"))
                        .allSatisfy(r -> assertThat(r.participants()).hasSize(2));
                assertThat(h.coordinator().sample(job, 1))
                        .isEqualTo(h.coordinator().sample(job, 1));
            }
        }
    }

    @Nested
    class Determinism {
        @Test
        void sameSeedsGiveAByteIdenticalFinalModelAndAnotherSeedDoesNot() throws Exception {
            String a;
            String b;
            String c;
            try (Harness h = new Harness("det-a", 3, dir.resolve("a"))) {
                h.job("job-d", 3, Harness.plan(42, 2, Duration.ofSeconds(20), 0));
                a = h.coordinator().run("job-d").finalModelHash();
            }
            try (Harness h = new Harness("det-b", 3, dir.resolve("b"))) {
                h.job("job-d", 3, Harness.plan(42, 2, Duration.ofSeconds(20), 0));
                b = h.coordinator().run("job-d").finalModelHash();
            }
            try (Harness h = new Harness("det-c", 3, dir.resolve("c"))) {
                h.job("job-d", 3, Harness.plan(43, 2, Duration.ofSeconds(20), 0));
                c = h.coordinator().run("job-d").finalModelHash();
            }
            assertThat(a).isEqualTo(b).isNotEqualTo(c);
            assertThat(Files.readAllBytes(dir.resolve("a/job-d/final.model")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("b/job-d/final.model")));
        }
    }

    @Nested
    class Convergence {
        @Test
        void stopsOnceTheModelMovesLessThanEpsilon() throws Exception {
            try (Harness h = new Harness("converge", 3, dir)) {
                h.job(
                        "job-e",
                        50,
                        new TrainingPlan(
                                ModelArchitecture.logistic(6, 4),
                                1,
                                0.001,
                                1,
                                0,
                                1.0,
                                2,
                                Duration.ofSeconds(20),
                                0.1,
                                7));
                JobResult result = h.coordinator().run("job-e");
                List<RoundResult> rounds = h.ledger.recordedRounds("job-e");
                assertThat(result.converged()).isTrue();
                assertThat(rounds.size()).isLessThan(50);
                RoundResult last = rounds.get(rounds.size() - 1);
                assertThat(last.progress().converged()).isTrue();
                assertThat(last.progress().distance().doubleValue()).isLessThanOrEqualTo(0.1);
                assertThat(rounds.subList(0, rounds.size() - 1))
                        .allSatisfy(r -> assertThat(r.progress().distance().doubleValue())
                                .isGreaterThan(0.1));
                assertThat(h.ledger.completedModelHash("job-e")).contains(result.finalModelHash());
            }
        }
    }

    @Nested
    class CrashResume {
        @Test
        void aRestartedCoordinatorResumesAfterTheLastRecordedRoundAndEndsWithTheSameModel() throws Exception {
            String uninterrupted;
            try (Harness h = new Harness("resume-ref", 3, dir.resolve("ref"))) {
                h.job("job-x", 5, Harness.plan(9, 2, Duration.ofSeconds(20), 0));
                uninterrupted = h.coordinator().run("job-x").finalModelHash();
            }
            try (Harness h = new Harness("resume", 3, dir.resolve("crash"))) {
                h.job("job-x", 5, Harness.plan(9, 2, Duration.ofSeconds(20), 0));
                JobLedger crashing = new CrashingLedger(h.ledger, 3);
                assertThatThrownBy(() -> h.coordinator(crashing).run("job-x")).hasMessageContaining("crash");
                assertThat(h.ledger.recordedRounds("job-x")).hasSize(2);

                JobResult resumed = h.coordinator().run("job-x");
                assertThat(resumed.resumedAfterRound()).isEqualTo(2);
                assertThat(resumed.rounds()).extracting(r -> r.record().round()).containsExactly(3, 4, 5);
                assertThat(resumed.finalModelHash()).isEqualTo(uninterrupted);
            }
        }

        /** The server optimizer's m and v are stored with each round, so a resumed FedAdam job ends identically. */
        @Test
        void aResumedFedAdamJobWithACosineScheduleEndsWithTheSameModel() throws Exception {
            TrainingPlan plan = Harness.plan(9, 2, Duration.ofSeconds(20), 0)
                    .withOptimization(
                            ServerOptimizerTerms.of(ServerOptimizerKind.FEDADAM, 0.05),
                            new ScheduleTerms(ScheduleKind.COSINE, 0, 0, 0.005));
            String uninterrupted;
            String plainFedAvg;
            try (Harness h = new Harness("adam-ref", 3, dir.resolve("ref"))) {
                h.job("job-a", 5, plan);
                h.job("job-p", 5, Harness.plan(9, 2, Duration.ofSeconds(20), 0));
                uninterrupted = h.coordinator().run("job-a").finalModelHash();
                plainFedAvg = h.coordinator().run("job-p").finalModelHash();
                assertThat(Files.readString(dir.resolve("ref/job-a/final.provenance.json")))
                        .contains("server fedadam(lr=0.05, beta1=0.9, beta2=0.99, tau=0.001)")
                        .contains("cosine learning rate down to 0.005");
            }
            assertThat(uninterrupted).isNotEqualTo(plainFedAvg);
            try (Harness h = new Harness("adam", 3, dir.resolve("crash"))) {
                h.job("job-a", 5, plan);
                assertThatThrownBy(() ->
                                h.coordinator(new CrashingLedger(h.ledger, 3)).run("job-a"))
                        .hasMessageContaining("crash");
                assertThat(dir.resolve("crash/job-a/round-2.optimizer")).exists();

                JobResult resumed = h.coordinator().run("job-a");
                assertThat(resumed.resumedAfterRound()).isEqualTo(2);
                assertThat(resumed.finalModelHash()).isEqualTo(uninterrupted);
            }
        }

        @Test
        void aFedAdamJobWithoutItsStoredStateRefusesToResume() throws Exception {
            try (Harness h = new Harness("adam-lost", 3, dir)) {
                h.job(
                        "job-l",
                        4,
                        Harness.plan(9, 2, Duration.ofSeconds(20), 0)
                                .withOptimization(
                                        ServerOptimizerTerms.of(ServerOptimizerKind.FEDYOGI, 0.05),
                                        ScheduleTerms.CONSTANT));
                assertThatThrownBy(
                        () -> h.coordinator(new CrashingLedger(h.ledger, 2)).run("job-l"));
                Files.delete(dir.resolve("job-l/round-1.optimizer"));
                assertThatThrownBy(() -> h.coordinator().run("job-l"))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("server optimizer's state of recorded round 1");
            }
        }

        @Test
        void refusesToResumeFromAStoredModelThatDoesNotMatchTheChain() throws Exception {
            try (Harness h = new Harness("resume-bad", 3, dir)) {
                h.job("job-y", 4, Harness.plan(9, 2, Duration.ofSeconds(20), 0));
                assertThatThrownBy(
                        () -> h.coordinator(new CrashingLedger(h.ledger, 2)).run("job-y"));
                Files.copy(
                        dir.resolve("job-y/round-2.model"),
                        dir.resolve("job-y/round-1.model"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                assertThatThrownBy(() -> h.coordinator().run("job-y"))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("the chain recorded");
            }
        }
    }

    /** Delegates to the ledger but dies when asked to record round {@code crashAt}, like a killed process. */
    private record CrashingLedger(JobLedger delegate, int crashAt) implements JobLedger {
        @Override
        public JobAssignment readJob(String jobId) {
            return delegate.readJob(jobId);
        }

        @Override
        public List<UclAddress> uclAddresses(JobAssignment job) {
            return delegate.uclAddresses(job);
        }

        @Override
        public List<RoundResult> recordedRounds(String jobId) {
            return delegate.recordedRounds(jobId);
        }

        @Override
        public void recordRound(RoundResult record) {
            if (record.round() == crashAt) {
                throw new IllegalStateException("simulated crash before recording round " + crashAt);
            }
            delegate.recordRound(record);
        }

        @Override
        public void completeJob(String jobId, String finalModelHash) {
            delegate.completeJob(jobId, finalModelHash);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
