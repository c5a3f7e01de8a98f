package org.fdcfabric.chaincode.collaboration.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.collaboration.Consortium.COMPUTE;
import static org.fdcfabric.chaincode.collaboration.Consortium.FAR;
import static org.fdcfabric.chaincode.collaboration.Consortium.PAYER;
import static org.fdcfabric.chaincode.collaboration.Consortium.PURPOSE;
import static org.fdcfabric.chaincode.collaboration.Consortium.ok;
import static org.fdcfabric.chaincode.collaboration.Consortium.round;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fdcfabric.chaincode.collaboration.Consortium;
import org.fdcfabric.chaincode.collaboration.SharedRouter;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.job.FlaggedUpdate;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.PayoutKind;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.SecureRoundSummary;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRouter.class)
class JobContractTest {
    static final String ORG1 = TestIdentities.ORG1;
    static final String ORG2 = TestIdentities.ORG2;
    static final String ORG3 = TestIdentities.ORG3;
    static final String ESCROW = "escrow:job-1";

    static ContractRouter router;
    static TestIdentities ids;
    Consortium net;

    @BeforeAll
    static void setUp(ContractRouter shared) {
        router = shared;
        ids = TestIdentities.create();
    }

    @BeforeEach
    void freshLedger() {
        net = new Consortium(router, ids);
    }

    TrainingJob job(String jobId) {
        return net.read(net.evaluate(ids.auditor(), "job:GetJob", jobId), TrainingJob.class);
    }

    AccessPass pass(String passId) {
        return net.read(net.evaluate(ids.auditor(), "pass:GetPass", passId), AccessPass.class);
    }

    void assertConserved() {
        long sum = 0;
        for (String account : List.of(PAYER, ORG1, ORG2, ORG3, COMPUTE, ESCROW)) {
            sum += net.balance(account);
        }
        assertThat(sum).isEqualTo(net.totalSupply());
    }

    @Nested
    class CreateJob {
        @BeforeEach
        void fund() {
            net.initToken();
            net.mint(PAYER, 10_000);
        }

        @Test
        void escrowsCapPlusFeeFromThePayersWallet() {
            JobOffer offer = Consortium.offer("job-1", List.of("ds-1", "ds-2"), 2, 3_000, 500, 3);
            TxResult result = ok(net.createJobAs(ids.dataUser(), offer));

            TrainingJob job = net.read(result, TrainingJob.class);
            assertThat(job.offer()).isEqualTo(offer);
            assertThat(job.status()).isEqualTo(JobStatus.OPEN);
            assertThat(job.payerMsp()).isEqualTo(PAYER);
            assertThat(job.createdAt()).isEqualTo(result.timestamp());
            assertThat(job.participants()).isEmpty();
            assertThat(result.event()).hasValueSatisfying(e -> {
                assertThat(e.name()).isEqualTo("JobCreated");
                assertThat(e.payloadText()).isEqualTo(CanonicalJson.write(job));
            });
            assertThat(net.balance(PAYER)).isEqualTo(6_500);
            assertThat(net.balance(ESCROW)).isEqualTo(3_500);
            assertThat(job("job-1")).isEqualTo(job);
        }

        @Test
        void badOffersAreRefusedWithTheirCodes() {
            net.rejects(
                    "INSUFFICIENT_FUNDS",
                    () -> net.createJobAs(ids.dataUser(), Consortium.offer("job-1", List.of("ds-1"), 1, 10_000, 1, 1)));
            net.rejects(
                    "INVALID_JOB_ID",
                    () -> net.createJobAs(ids.dataUser(), Consortium.offer("job 1", List.of("ds-1"), 1, 10, 1, 1)));
            net.rejects(
                    "INVALID_AMOUNT",
                    () -> net.createJobAs(ids.dataUser(), Consortium.offer("job-1", List.of("ds-1"), 0, 10, 1, 1)));
            net.rejects(
                    "INVALID_ROUNDS",
                    () -> net.createJobAs(ids.dataUser(), Consortium.offer("job-1", List.of("ds-1"), 1, 10, 1, 0)));
            net.rejects(
                    "DUPLICATE_DATASET",
                    () -> net.createJobAs(
                            ids.dataUser(), Consortium.offer("job-1", List.of("ds-1", "ds-1"), 1, 10, 1, 1)));
            net.rejects("MALFORMED_JSON", () -> net.submit(ids.dataUser(), "job:CreateJob", "[]"));
            net.rejects(
                    "MALFORMED_JSON",
                    () -> net.submit(
                            ids.dataUser(),
                            "job:CreateJob",
                            CanonicalJson.write(Consortium.offer("job-1", List.of("ds-1"), 1, 10, 1, 1))
                                    .replace("\"providerCap\":10", "\"providerCap\":10.5")));
            JobOffer past = new JobOffer(
                    "job-1",
                    List.of("ds-1"),
                    "p",
                    1,
                    10,
                    1,
                    COMPUTE,
                    Consortium.offer("x", List.of("ds-1"), 1, 1, 1, 1).model(),
                    1,
                    net.ledger.now());
            net.rejects("INVALID_DEADLINE", () -> net.createJobAs(ids.dataUser(), past));
            net.rejects(
                    "UNAUTHORIZED_ROLE",
                    () -> net.createJobAs(ids.provider(ORG1), Consortium.offer("job-1", List.of("ds-1"), 1, 10, 1, 1)));
        }

        @Test
        void everyOfferRuleIsEnforcedWithItsCode() {
            var model = Consortium.offer("x", List.of("ds-1"), 1, 1, 1, 1).model();
            Map<String, JobOffer> bad = new java.util.LinkedHashMap<>();
            bad.put("INVALID_DATASET_ID", new JobOffer("job-1", List.of("DS!"), "p", 1, 10, 0, COMPUTE, model, 1, FAR));
            bad.put("INVALID_PURPOSE", new JobOffer("job-1", List.of("ds-1"), "", 1, 10, 0, COMPUTE, model, 1, FAR));
            bad.put("INVALID_MSP_ID", new JobOffer("job-1", List.of("ds-1"), "p", 1, 10, 0, "a:b", model, 1, FAR));
            bad.put(
                    "INVALID_MODEL_SPEC",
                    new JobOffer(
                            "job-1",
                            List.of("ds-1"),
                            "p",
                            1,
                            10,
                            0,
                            COMPUTE,
                            new org.fdcfabric.protocol.job.ModelSpec("Not A Family", Map.of()),
                            1,
                            FAR));
            bad.put(
                    "INVALID_AMOUNT",
                    new JobOffer("job-1", List.of("ds-1"), "p", 1, Long.MAX_VALUE, 1, COMPUTE, model, 1, FAR));
            bad.forEach((code, offer) -> net.rejects(code, () -> net.createJobAs(ids.dataUser(), offer)));
        }

        @Test
        void jobIdsAreUnique() {
            ok(net.createJobAs(ids.dataUser(), Consortium.offer("job-1", List.of("ds-1"), 1, 10, 0, 1)));
            net.rejects(
                    "JOB_EXISTS",
                    () -> net.createJobAs(ids.dataUser(), Consortium.offer("job-1", List.of("ds-1"), 1, 10, 0, 1)));
        }
    }

    @Nested
    class AcceptJob {
        String pass1;

        @BeforeEach
        void open() {
            net.initToken();
            net.mint(PAYER, 10_000);
            net.register(ORG1, "ds-1", 1_000);
            net.register(ORG2, "ds-2", 1_000);
            net.register(ORG3, "ds-3", 1_000);
            net.requestAccess("req-1", List.of("ds-1", "ds-2", "ds-3"), 3);
            pass1 = net.grant(ORG1, "req-1", "ds-1", 3);
            ok(net.createJobAs(ids.dataUser(), Consortium.offer("job-1", List.of("ds-1", "ds-2"), 1, 5_000, 100, 3)));
        }

        @Test
        void aPassHolderCommitsItsSamples() {
            TxResult result = ok(net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 1_000));

            TrainingJob job = net.read(result, TrainingJob.class);
            assertThat(job.participants()).singleElement().satisfies(p -> {
                assertThat(p.datasetId()).isEqualTo("ds-1");
                assertThat(p.providerMsp()).isEqualTo(ORG1);
                assertThat(p.passId()).isEqualTo(pass1);
                assertThat(p.samples()).isEqualTo(1_000);
                assertThat(p.txId()).isEqualTo(result.txId());
            });
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("JobAccepted"));
            assertThat(pass(pass1).roundsUsed())
                    .as("accepting does not charge the pass")
                    .isZero();
        }

        @Test
        void samplesAreBoundedByTheUclRecordCount() {
            net.rejects(
                    "SAMPLES_EXCEED_RECORDS", () -> net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 1_001));
            net.rejects("INVALID_SAMPLES", () -> net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 0));
            net.rejects(
                    "INVALID_SAMPLES",
                    () -> net.submit(ids.provider(ORG1), "job:AcceptJob", "job-1", "ds-1", pass1, "many"));
        }

        @Test
        void thePassMustBeValidForThisJob() {
            net.rejects("PASS_INVALID", () -> net.acceptAs(ids.provider(ORG2), "job-1", "ds-2", "req-1:ds-2", 10));
            net.rejects("PASS_INVALID", () -> net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", "req-1:ds-2", 10));
            ok(net.submit(ids.provider(ORG1), "pass:RevokePass", pass1, "withdrawn"));
            net.rejects("PASS_INVALID", () -> net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 10));
        }

        @Test
        void anotherProviderCannotUseSomeoneElsesPass() {
            net.rejects("NOT_DATASET_OWNER", () -> net.acceptAs(ids.provider(ORG2), "job-1", "ds-1", pass1, 10));
        }

        @Test
        void aPassForAnotherPurposeDoesNotCount() {
            ok(net.createJobAs(
                    ids.dataUser(),
                    new JobOffer(
                            "job-2",
                            List.of("ds-1"),
                            "advertising",
                            1,
                            10,
                            0,
                            COMPUTE,
                            Consortium.offer("x", List.of("ds-1"), 1, 1, 1, 1).model(),
                            1,
                            FAR)));
            net.rejects("PASS_INVALID", () -> net.acceptAs(ids.provider(ORG1), "job-2", "ds-1", pass1, 10));
        }

        @Test
        void badAcceptancesAreRefusedWithTheirCodes() {
            net.rejects("JOB_NOT_FOUND", () -> net.acceptAs(ids.provider(ORG1), "job-9", "ds-1", pass1, 10));
            net.rejects("INVALID_JOB_ID", () -> net.acceptAs(ids.provider(ORG1), "job 9", "ds-1", pass1, 10));
            net.rejects(
                    "DATASET_NOT_IN_JOB", () -> net.acceptAs(ids.provider(ORG3), "job-1", "ds-3", "req-1:ds-3", 10));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.acceptAs(ids.dataUser(), "job-1", "ds-1", pass1, 10));
            ok(net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 10));
            net.rejects("ALREADY_ACCEPTED", () -> net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 10));
        }

        @Test
        void aRetiredDatasetCannotJoin() {
            net.retire(ORG1, "ds-1");
            net.rejects("DATASET_RETIRED", () -> net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 10));
        }

        @Test
        void nobodyJoinsAfterTheDeadline() {
            net.ledger.setTime(FAR);
            net.rejects("DEADLINE_PASSED", () -> net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", pass1, 10));
        }
    }

    @Nested
    class Training {
        @BeforeEach
        void open() {
            net.openJobWithTwoProviders("job-1", 10_000, 1, 5_000, 300, 3);
        }

        @Test
        void theComputeOrganisationStartsAndRecordsRoundsChargingPasses() {
            TxResult started = ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            assertThat(net.read(started, TrainingJob.class).status()).isEqualTo(JobStatus.RUNNING);
            assertThat(started.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("JobStarted"));

            RoundSubmission submission = new RoundSubmission(
                    1,
                    List.of(new UpdateCommitment("ds-1", 600, Consortium.HASH_A, null)),
                    List.of("ds-2"),
                    Consortium.HASH_B,
                    Map.of("accuracy", new BigDecimal("0.8125"), "loss", new BigDecimal("0.41")));
            TxResult recorded = ok(net.recordAs(ids.compute(), "job-1", submission));

            RoundRecord record = net.read(recorded, RoundRecord.class);
            assertThat(record.round()).isEqualTo(1);
            UpdateCommitment signed = Consortium.signed(
                    ids.provider(ORG1),
                    "job-1",
                    1,
                    Consortium.INITIAL_MODEL,
                    new UpdateCommitment("ds-1", 600, Consortium.HASH_A, null));
            assertThat(record.participants())
                    .containsExactly(new RoundParticipant(
                            "ds-1", ORG1, "req-job-1:ds-1", 600, Consortium.HASH_A, signed.usage()));
            assertThat(record.baseModelHash()).isEqualTo(Consortium.INITIAL_MODEL);
            assertThat(record.stragglers()).containsExactly("ds-2");
            assertThat(record.metrics()).containsEntry("accuracy", new BigDecimal("0.8125"));
            assertThat(record.recordedByMsp()).isEqualTo(COMPUTE);
            assertThat(recorded.event()).hasValueSatisfying(e -> {
                assertThat(e.name()).isEqualTo("RoundRecorded");
                assertThat(e.payloadText()).isEqualTo(CanonicalJson.write(record));
            });
            assertThat(pass("req-job-1:ds-1").roundsUsed()).isEqualTo(1);
            assertThat(pass("req-job-1:ds-2").roundsUsed())
                    .as("stragglers are not charged")
                    .isZero();
            assertThat(job("job-1").roundsRecorded()).isEqualTo(1);
            assertThat(net.read(net.evaluate(ids.auditor(), "job:GetRound", "job-1", "1"), RoundRecord.class))
                    .isEqualTo(record);
            assertThat(net.read(net.evaluate(ids.auditor(), "job:ListRounds", "job-1", "10", ""), RoundPage.class)
                            .rounds())
                    .containsExactly(record);
            assertThat(net.evaluate(ids.auditor(), "job:GetRound", "job-1", "2").errorCode())
                    .isEqualTo("ROUND_NOT_FOUND");
        }

        @Test
        void aCenterMayUseItsPassOnlyWhileTheJobRuns() {
            assertThat(participation("job-1", "ds-1").reason()).as("OPEN").isEqualTo("JOB_NOT_RUNNING");
            assertThat(participation("job-1", "ds-1").passId()).isEqualTo("req-job-1:ds-1");
            assertThat(participation("job-9", "ds-1").reason()).isEqualTo("JOB_NOT_FOUND");
            assertThat(participation("job-1", "ds-3").reason()).isEqualTo("NOT_A_PARTICIPANT");
            assertThat(net.evaluate(ids.provider(ORG1), "job:VerifyParticipation", "job 1", "ds-1", PURPOSE)
                            .errorCode())
                    .isEqualTo("INVALID_JOB_ID");

            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            PassVerdict running = participation("job-1", "ds-1");
            assertThat(running.valid()).isTrue();
            assertThat(running.passId()).isEqualTo("req-job-1:ds-1");
            assertThat(net.read(
                                    net.evaluate(
                                            ids.provider(ORG1), "job:VerifyParticipation", "job-1", "ds-1", "other"),
                                    PassVerdict.class)
                            .reason())
                    .isEqualTo(PassVerdict.PURPOSE_MISMATCH);
            ok(net.submit(ids.provider(ORG2), "pass:RevokePass", "req-job-1:ds-2", "withdrawn"));
            assertThat(participation("job-1", "ds-2").reason()).isEqualTo(PassVerdict.PASS_REVOKED);

            ok(net.submit(ids.dataUser(), "job:CancelJob", "job-1"));
            PassVerdict cancelled = participation("job-1", "ds-1");
            assertThat(cancelled.valid()).isFalse();
            assertThat(cancelled.reason()).isEqualTo("JOB_NOT_RUNNING");
        }

        PassVerdict participation(String jobId, String datasetId) {
            return net.read(
                    net.evaluate(ids.provider(ORG1), "job:VerifyParticipation", jobId, datasetId, PURPOSE),
                    PassVerdict.class);
        }

        @Test
        void onlyTheJobsComputeOrganisationRunsIt() {
            var otherCompute = ids.user(ORG3, org.fdcfabric.protocol.Role.COMPUTE);
            net.rejects("WRONG_ORGANISATION", () -> net.submit(otherCompute, "job:StartJob", "job-1"));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.dataUser(), "job:StartJob", "job-1"));
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            net.rejects(
                    "WRONG_ORGANISATION",
                    () -> net.recordAs(otherCompute, "job-1", round(1, Map.of("ds-1", 1L), List.of())));
        }

        @Test
        void startingNeedsParticipantsWithValidPasses() {
            ok(net.submit(ids.provider(ORG2), "pass:RevokePass", "req-job-1:ds-2", "withdrawn"));
            net.rejects("PASS_INVALID", () -> net.submit(ids.compute(), "job:StartJob", "job-1"));

            ok(net.createJobAs(ids.dataUser(), Consortium.offer("job-2", List.of("ds-1"), 1, 10, 0, 1)));
            net.rejects("NO_PARTICIPANTS", () -> net.submit(ids.compute(), "job:StartJob", "job-2"));
        }

        @Test
        void roundsComeInOrderWithinTheBudgetFromAcceptedDatasets() {
            net.rejects(
                    "JOB_NOT_RUNNING",
                    () -> net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 1L), List.of())));
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            net.rejects("JOB_NOT_OPEN", () -> net.submit(ids.compute(), "job:StartJob", "job-1"));
            net.rejects(
                    "WRONG_ROUND", () -> net.recordAs(ids.compute(), "job-1", round(2, Map.of("ds-1", 1L), List.of())));
            net.rejects(
                    "NOT_A_PARTICIPANT",
                    () -> net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-3", 1L), List.of())));
            net.rejects(
                    "NOT_A_PARTICIPANT",
                    () -> net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 1L), List.of("ds-3"))));
            net.rejects(
                    "SAMPLES_EXCEED_COMMITMENT",
                    () -> net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 601L), List.of())));
            net.rejects(
                    "INVALID_COMMITMENT",
                    () -> net.recordAs(
                            ids.compute(),
                            "job-1",
                            new RoundSubmission(
                                    1,
                                    List.of(new UpdateCommitment("ds-1", 1, "zz", null)),
                                    List.of(),
                                    Consortium.HASH_B,
                                    Map.of())));
            net.rejects(
                    "MALFORMED_JSON",
                    () -> net.submit(
                            ids.compute(),
                            "job:RecordRound",
                            "job-1",
                            "{\"round\":1,\"contributions\":[],\"aggregateModelHash\":\"" + Consortium.HASH_B
                                    + "\",\"metrics\":{\"acc\":\"high\"}}"));
            for (int r = 1; r <= 3; r++) {
                ok(net.recordAs(ids.compute(), "job-1", round(r, Map.of("ds-1", 600L, "ds-2", 400L), List.of())));
            }
            net.rejects(
                    "WRONG_ROUND", () -> net.recordAs(ids.compute(), "job-1", round(4, Map.of("ds-1", 1L), List.of())));
        }

        @Test
        void everyRoundRuleIsEnforcedWithItsCode() {
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            String h = Consortium.HASH_B;
            UpdateCommitment good = new UpdateCommitment("ds-1", 10, Consortium.HASH_A, null);
            Map<String, RoundSubmission> bad = new java.util.LinkedHashMap<>();
            bad.put("INVALID_ROUND", new RoundSubmission(0, List.of(good), List.of(), h, Map.of()));
            bad.put("INVALID_CONTRIBUTIONS", new RoundSubmission(1, List.of(), List.of(), h, Map.of()));
            bad.put(
                    "INVALID_SAMPLES",
                    new RoundSubmission(
                            1,
                            List.of(new UpdateCommitment("ds-1", 0, Consortium.HASH_A, null)),
                            List.of(),
                            h,
                            Map.of()));
            bad.put("DUPLICATE_DATASET", new RoundSubmission(1, List.of(good, good), List.of(), h, Map.of()));
            bad.put("INVALID_STRAGGLERS", new RoundSubmission(1, List.of(good), List.of("ds-1"), h, Map.of()));
            bad.put("INVALID_MODEL_HASH", new RoundSubmission(1, List.of(good), List.of(), "ABC", Map.of()));
            bad.put(
                    "INVALID_METRICS",
                    new RoundSubmission(1, List.of(good), List.of(), h, Map.of("acc uracy", BigDecimal.ONE)));
            bad.forEach((code, round) -> net.rejects(code, () -> net.recordAs(ids.compute(), "job-1", round)));
            assertThat(pass("req-job-1:ds-1").roundsUsed()).isZero();
        }

        @Test
        void aRevokedOrExhaustedPassStopsItsDatasetFromContributing() {
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            ok(net.submit(ids.provider(ORG2), "pass:RevokePass", "req-job-1:ds-2", "withdrawn"));
            net.rejects(
                    "PASS_INVALID",
                    () -> net.recordAs(
                            ids.compute(), "job-1", round(1, Map.of("ds-1", 600L, "ds-2", 400L), List.of())));
            ok(net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 600L), List.of("ds-2"))));
        }

        @Test
        void noRoundAfterTheDeadline() {
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            net.ledger.setTime(FAR);
            net.rejects(
                    "DEADLINE_PASSED",
                    () -> net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 600L), List.of())));
        }
    }

    @Nested
    class Aggregation {
        static final String H = Consortium.HASH_B;

        RoundAggregation secure(String status, List<String> survivors, List<String> dropped, String failure) {
            return new RoundAggregation(
                    RoundAggregation.SECURE,
                    "fedavg",
                    Map.of(),
                    status,
                    new SecureRoundSummary(
                            2, List.of("ds-1", "ds-2"), survivors, dropped, survivors, List.of(), failure),
                    List.of());
        }

        RoundSubmission secureRound(long round, String hash) {
            return new RoundSubmission(
                    round,
                    List.of(
                            new UpdateCommitment("ds-1", 600, Consortium.HASH_A, null),
                            new UpdateCommitment("ds-2", 400, Consortium.HASH_A, null)),
                    List.of(),
                    hash,
                    Map.of(),
                    secure(RoundAggregation.COMPLETED, List.of("ds-1", "ds-2"), List.of(), null));
        }

        RoundSubmission failedRound(long round, String hash) {
            return new RoundSubmission(
                    round,
                    List.of(),
                    List.of("ds-2"),
                    hash,
                    Map.of(),
                    secure(RoundAggregation.FAILED, List.of("ds-1"), List.of("ds-2"), "TOO_FEW_MASKED_INPUTS"));
        }

        @Test
        void aSecureJobRecordsSecureRoundsAndAFailedRoundThatChargesNothingAndKeepsTheModel() {
            net.openJobWithTwoProviders("job-1", 10_000, 1, 5_000, 300, 3, Map.of("secure", "true"));
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            RoundRecord first =
                    net.read(ok(net.recordAs(ids.compute(), "job-1", secureRound(1, H))), RoundRecord.class);
            assertThat(first.aggregation().secure().survivors()).containsExactly("ds-1", "ds-2");
            assertThat(net.read(net.evaluate(ids.auditor(), "job:GetRound", "job-1", "1"), RoundRecord.class))
                    .isEqualTo(first);

            net.rejects(
                    "FAILED_ROUND_CHANGES_MODEL",
                    () -> net.recordAs(ids.compute(), "job-1", failedRound(2, Consortium.HASH_A)));
            RoundRecord failed =
                    net.read(ok(net.recordAs(ids.compute(), "job-1", failedRound(2, H))), RoundRecord.class);
            assertThat(failed.failed()).isTrue();
            assertThat(failed.participants()).isEmpty();
            assertThat(pass("req-job-1:ds-1").roundsUsed())
                    .as("only the completed round is charged")
                    .isEqualTo(1);
            assertThat(job("job-1").roundsRecorded()).isEqualTo(2);
        }

        @Test
        void theRoundMustBeAggregatedAsTheOfferSaid() {
            net.openJobWithTwoProviders("job-1", 10_000, 1, 5_000, 300, 3);
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            net.rejects("AGGREGATION_MISMATCH", () -> net.recordAs(ids.compute(), "job-1", secureRound(1, H)));
            RoundSubmission median = new RoundSubmission(
                    1,
                    List.of(new UpdateCommitment("ds-1", 600, Consortium.HASH_A, null)),
                    List.of(),
                    H,
                    Map.of(),
                    new RoundAggregation(
                            RoundAggregation.PLAIN, "median", Map.of(), RoundAggregation.COMPLETED, null, List.of()));
            net.rejects("AGGREGATION_MISMATCH", () -> net.recordAs(ids.compute(), "job-1", median));
            assertThat(job("job-1").roundsRecorded()).isZero();
        }

        @Test
        void aRobustRoundCarriesItsFlaggedUpdates() {
            net.openJobWithTwoProviders(
                    "job-1", 10_000, 1, 5_000, 300, 3, Map.of("aggregator", "trimmed-mean:beta=0.2"));
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            FlaggedUpdate flag =
                    new FlaggedUpdate("ds-2", "TRIMMED", new BigDecimal("117.178"), "trimmed in 179 of 180");
            RoundSubmission round = new RoundSubmission(
                    1,
                    List.of(
                            new UpdateCommitment("ds-1", 600, Consortium.HASH_A, null),
                            new UpdateCommitment("ds-2", 400, Consortium.HASH_A, null)),
                    List.of(),
                    H,
                    Map.of(),
                    new RoundAggregation(
                            RoundAggregation.PLAIN,
                            "trimmed-mean",
                            Map.of("beta", "0.2"),
                            RoundAggregation.COMPLETED,
                            null,
                            List.of(flag)));
            RoundRecord record = net.read(ok(net.recordAs(ids.compute(), "job-1", round)), RoundRecord.class);
            assertThat(record.aggregation().flagged()).containsExactly(flag);
            assertThat(record.participants()).hasSize(2);
        }

        @Test
        void everyAggregationRuleIsEnforcedAndNothingIsWritten() {
            net.openJobWithTwoProviders("job-1", 10_000, 1, 5_000, 300, 3, Map.of("secure", "true"));
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
            UpdateCommitment one = new UpdateCommitment("ds-1", 600, Consortium.HASH_A, null);
            List<RoundSubmission> bad = List.of(
                    // contributions must be exactly the survivors
                    new RoundSubmission(
                            1,
                            List.of(one),
                            List.of(),
                            H,
                            Map.of(),
                            secure(RoundAggregation.COMPLETED, List.of("ds-1", "ds-2"), List.of(), null)),
                    // a completed round has no failure
                    new RoundSubmission(
                            1,
                            List.of(one),
                            List.of(),
                            H,
                            Map.of(),
                            secure(RoundAggregation.COMPLETED, List.of("ds-1"), List.of("ds-2"), "X")),
                    // a failed round has a failure code
                    new RoundSubmission(
                            1, List.of(), List.of(), H, Map.of(), secure("FAILED", List.of("ds-1"), List.of(), null)),
                    // unsorted survivors
                    new RoundSubmission(
                            1,
                            List.of(),
                            List.of(),
                            H,
                            Map.of(),
                            secure(RoundAggregation.FAILED, List.of("ds-2", "ds-1"), List.of(), "TOO_FEW")),
                    // a survivor that also dropped
                    new RoundSubmission(
                            1,
                            List.of(),
                            List.of(),
                            H,
                            Map.of(),
                            secure(RoundAggregation.FAILED, List.of("ds-1"), List.of("ds-1"), "TOO_FEW")),
                    // secure rounds flag nothing
                    new RoundSubmission(
                            1,
                            List.of(one),
                            List.of(),
                            H,
                            Map.of(),
                            new RoundAggregation(
                                    RoundAggregation.SECURE,
                                    "fedavg",
                                    Map.of(),
                                    RoundAggregation.COMPLETED,
                                    new SecureRoundSummary(
                                            2, List.of("ds-1"), List.of("ds-1"), List.of(), List.of(), List.of(), null),
                                    List.of(new FlaggedUpdate("ds-1", "CLIPPED", null, "clipped")))),
                    // unknown mode
                    new RoundSubmission(
                            1,
                            List.of(one),
                            List.of(),
                            H,
                            Map.of(),
                            new RoundAggregation("hidden", "fedavg", Map.of(), "COMPLETED", null, List.of())));
            for (RoundSubmission round : bad) {
                net.rejects("INVALID_AGGREGATION", () -> net.recordAs(ids.compute(), "job-1", round));
            }
            assertThat(job("job-1").roundsRecorded()).isZero();
            assertThat(pass("req-job-1:ds-1").roundsUsed()).isZero();
        }
    }

    @Nested
    class Settlement {
        @BeforeEach
        void open() {
            // price 2 per sample-round, cap 5,000, fee 300: escrow 5,300
            net.openJobWithTwoProviders("job-1", 10_000, 2, 5_000, 300, 3);
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
        }

        @Test
        void completionPaysProvidersBySampleRoundsThenTheFeeAndRefundsTheRest() {
            ok(net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 600L, "ds-2", 400L), List.of())));
            ok(net.recordAs(ids.compute(), "job-1", round(2, Map.of("ds-1", 500L), List.of("ds-2"))));

            TxResult result = ok(net.submit(ids.compute(), "job:CompleteJob", "job-1"));

            TrainingJob job = net.read(result, TrainingJob.class);
            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            // ds-1: 1,100 sample-rounds x 2 = 2,200; ds-2: 400 x 2 = 800; fee 300; refund 5,300 - 3,300 = 2,000
            assertThat(job.settlement().payouts())
                    .containsExactly(
                            new Payout(ORG1, 2_200, PayoutKind.PROVIDER, "ds-1", 1_100L),
                            new Payout(ORG2, 800, PayoutKind.PROVIDER, "ds-2", 400L),
                            new Payout(COMPUTE, 300, PayoutKind.COMPUTE_FEE, null, null),
                            new Payout(PAYER, 2_000, PayoutKind.REFUND, null, null));
            assertThat(job.settlement().escrowed()).isEqualTo(5_300);
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("JobCompleted"));
            assertThat(net.balance(ORG1)).isEqualTo(2_200);
            assertThat(net.balance(ORG2)).isEqualTo(800);
            assertThat(net.balance(COMPUTE)).isEqualTo(300);
            assertThat(net.balance(PAYER)).isEqualTo(10_000 - 5_300 + 2_000);
            assertThat(net.balance(ESCROW)).isZero();
            assertConserved();
            TrailVerdict escrowTrail =
                    net.read(net.evaluate(ids.auditor(), "audit:VerifyTrail", "wallet:" + ESCROW), TrailVerdict.class);
            assertThat(escrowTrail.valid()).isTrue();
            assertThat(escrowTrail.entries()).isEqualTo(5);
        }

        @Test
        void overTheCapProvidersShareTheCapExactly() {
            for (int r = 1; r <= 3; r++) {
                ok(net.recordAs(ids.compute(), "job-1", round(r, Map.of("ds-1", 600L, "ds-2", 400L), List.of())));
            }
            // earned 3 x 1,000 x 2 = 6,000 > cap 5,000: ds-1 gets 3,000, ds-2 2,000
            TrainingJob job = net.read(net.submit(ids.dataUser(), "job:CompleteJob", "job-1"), TrainingJob.class);
            assertThat(job.settlement().payouts()).extracting(Payout::amount).containsExactly(3_000L, 2_000L, 300L);
            assertConserved();
        }

        @Test
        void completionRulesAreEnforced() {
            net.rejects("NO_ROUNDS_RECORDED", () -> net.submit(ids.compute(), "job:CompleteJob", "job-1"));
            ok(net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 600L), List.of())));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.provider(ORG1), "job:CompleteJob", "job-1"));
            var otherUser = ids.user(ORG3, org.fdcfabric.protocol.Role.DATA_USER);
            net.rejects("WRONG_ORGANISATION", () -> net.submit(otherUser, "job:CompleteJob", "job-1"));
            ok(net.submit(ids.compute(), "job:CompleteJob", "job-1"));
            net.rejects("JOB_SETTLED", () -> net.submit(ids.compute(), "job:CompleteJob", "job-1"));
            net.rejects("JOB_SETTLED", () -> net.submit(ids.dataUser(), "job:CancelJob", "job-1"));
            net.rejects(
                    "JOB_SETTLED", () -> net.recordAs(ids.compute(), "job-1", round(2, Map.of("ds-1", 1L), List.of())));
        }

        @Test
        void thePayerCancelsAnytimeBeforeSettlementForAFullRefund() {
            ok(net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 600L), List.of())));
            TxResult result = ok(net.submit(ids.dataUser(), "job:CancelJob", "job-1"));

            TrainingJob job = net.read(result, TrainingJob.class);
            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(job.settlement().payouts())
                    .containsExactly(new Payout(PAYER, 5_300, PayoutKind.REFUND, null, null));
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("JobCancelled"));
            assertThat(net.balance(PAYER)).isEqualTo(10_000);
            assertConserved();
        }

        @Test
        void theComputeOrganisationFailsARunningJobRefundingTheWholeEscrow() {
            ok(net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 600L), List.of())));
            TxResult result = ok(net.submit(ids.compute(), "job:FailJob", "job-1", "round 2: attempts used up"));

            TrainingJob job = net.read(result, TrainingJob.class);
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.status().settled()).isTrue();
            // the recorded round earns nothing: the job never completed
            assertThat(job.settlement().payouts())
                    .containsExactly(new Payout(PAYER, 5_300, PayoutKind.REFUND, null, null));
            assertThat(job.settlement().reason()).isEqualTo("round 2: attempts used up");
            assertThat(job.settlement().outcome()).isEqualTo(JobStatus.FAILED);
            assertThat(job("job-1")).isEqualTo(job);
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("JobFailed"));
            assertThat(net.balance(PAYER)).isEqualTo(10_000);
            assertThat(net.balance(ORG1)).isZero();
            assertThat(net.balance(COMPUTE)).isZero();
            assertThat(net.balance(ESCROW)).isZero();
            assertConserved();

            net.rejects("JOB_SETTLED", () -> net.submit(ids.compute(), "job:FailJob", "job-1", "again"));
            net.rejects("JOB_SETTLED", () -> net.submit(ids.dataUser(), "job:CancelJob", "job-1"));
            net.rejects("JOB_SETTLED", () -> net.submit(ids.compute(), "job:CompleteJob", "job-1"));
            net.rejects(
                    "JOB_SETTLED", () -> net.recordAs(ids.compute(), "job-1", round(2, Map.of("ds-1", 1L), List.of())));
        }

        @Test
        void failingIsRefusedWithItsCodesAndWritesNothing() {
            var otherCompute = ids.user(ORG3, org.fdcfabric.protocol.Role.COMPUTE);
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.dataUser(), "job:FailJob", "job-1", "no"));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.provider(ORG1), "job:FailJob", "job-1", "no"));
            net.rejects("WRONG_ORGANISATION", () -> net.submit(otherCompute, "job:FailJob", "job-1", "no"));
            net.rejects("JOB_NOT_FOUND", () -> net.submit(ids.compute(), "job:FailJob", "job-9", "no"));
            net.rejects("INVALID_JOB_ID", () -> net.submit(ids.compute(), "job:FailJob", "job 9", "no"));
            net.rejects("INVALID_FAILURE_REASON", () -> net.submit(ids.compute(), "job:FailJob", "job-1", ""));
            net.rejects("INVALID_FAILURE_REASON", () -> net.submit(ids.compute(), "job:FailJob", "job-1", "  "));
            net.rejects(
                    "INVALID_FAILURE_REASON",
                    () -> net.submit(ids.compute(), "job:FailJob", "job-1", "x".repeat(JobRules.MAX_REASON_CHARS + 1)));
            net.rejects(
                    "INVALID_FAILURE_REASON", () -> net.submit(ids.compute(), "job:FailJob", "job-1", "line\nbreak"));
            ok(net.submit(ids.compute(), "job:FailJob", "job-1", "x".repeat(JobRules.MAX_REASON_CHARS)));
        }

        @Test
        void onlyARunningJobFails() {
            ok(net.createJobAs(ids.dataUser(), Consortium.offer("job-2", List.of("ds-1"), 1, 1_000, 100, 3)));
            net.rejects("JOB_NOT_RUNNING", () -> net.submit(ids.compute(), "job:FailJob", "job-2", "never started"));
            ok(net.submit(ids.dataUser(), "job:CancelJob", "job-2"));
            net.rejects("JOB_SETTLED", () -> net.submit(ids.compute(), "job:FailJob", "job-2", "cancelled"));
        }

        @Test
        void beforeTheDeadlineOnlyThePayerCancelsAfterItAnyone() {
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.compute(), "job:CancelJob", "job-1"));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.auditor(), "job:CancelJob", "job-1"));
            var otherUser = ids.user(ORG3, org.fdcfabric.protocol.Role.DATA_USER);
            net.rejects("WRONG_ORGANISATION", () -> net.submit(otherUser, "job:CancelJob", "job-1"));

            net.ledger.setTime(FAR.plus(Duration.ofSeconds(1)));
            TxResult result = ok(net.submit(ids.noRole(ORG3), "job:CancelJob", "job-1"));
            assertThat(net.read(result, TrainingJob.class).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(net.balance(PAYER)).isEqualTo(10_000);
        }
    }

    @Test
    void listJobsPagesThroughEveryJob() {
        net.initToken();
        net.mint(PAYER, 1_000);
        for (String id : List.of("job-b", "job-a", "job-c")) {
            ok(net.createJobAs(ids.dataUser(), Consortium.offer(id, List.of("ds-1"), 1, 10, 0, 1)));
        }
        var first = net.read(
                net.evaluate(ids.auditor(), "job:ListJobs", "2", ""), org.fdcfabric.protocol.job.JobPage.class);
        var second = net.read(
                net.evaluate(ids.auditor(), "job:ListJobs", "2", first.bookmark()),
                org.fdcfabric.protocol.job.JobPage.class);
        assertThat(first.jobs()).extracting(TrainingJob::jobId).containsExactly("job-a", "job-b");
        assertThat(second.jobs()).extracting(TrainingJob::jobId).containsExactly("job-c");
    }

    @Test
    void theJobTrailRecordsEveryStepAndVerifies() {
        net.openJobWithTwoProviders("job-1", 10_000, 1, 2_000, 0, 1);
        ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
        ok(net.recordAs(ids.compute(), "job-1", round(1, Map.of("ds-1", 600L), List.of())));
        ok(net.submit(ids.compute(), "job:CompleteJob", "job-1"));

        var trail = net.read(
                net.evaluate(ids.auditor(), "audit:GetTrail", "job:job-1", "100", ""),
                org.fdcfabric.protocol.trail.TrailPage.class);
        assertThat(trail.entries())
                .extracting(e -> e.action())
                .containsExactly(
                        "job:CreateJob",
                        "job:AcceptJob",
                        "job:AcceptJob",
                        "job:StartJob",
                        "job:RecordRound",
                        "job:CompleteJob");
        assertThat(net.read(net.evaluate(ids.auditor(), "audit:VerifyTrail", "job:job-1"), TrailVerdict.class)
                        .valid())
                .isTrue();
    }

    @Test
    void aFailedJobsTrailEndsWithItsFailure() {
        net.openJobWithTwoProviders("job-1", 10_000, 1, 2_000, 0, 1);
        ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
        ok(net.submit(ids.compute(), "job:FailJob", "job-1", "attempts used up"));

        var trail = net.read(
                net.evaluate(ids.auditor(), "audit:GetTrail", "job:job-1", "100", ""),
                org.fdcfabric.protocol.trail.TrailPage.class);
        assertThat(trail.entries())
                .extracting(e -> e.action())
                .containsExactly("job:CreateJob", "job:AcceptJob", "job:AcceptJob", "job:StartJob", "job:FailJob");
        assertThat(net.read(net.evaluate(ids.auditor(), "audit:VerifyTrail", "job:job-1"), TrailVerdict.class)
                        .valid())
                .isTrue();
    }

    /** Issue 15, item 3: a round on chain needs the word of the centers that trained it. */
    @Nested
    class Corroboration {
        static final UpdateCommitment DS1 = new UpdateCommitment("ds-1", 600, Consortium.HASH_A, null);
        static final UpdateCommitment DS2 = new UpdateCommitment("ds-2", 400, Consortium.HASH_A, null);

        @BeforeEach
        void running() {
            net.openJobWithTwoProviders("job-1", 10_000, 1, 5_000, 300, 3);
            ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
        }

        RoundSubmission unsigned(long round, String base, UpdateCommitment... contributions) {
            return new RoundSubmission(
                    round,
                    List.of(contributions),
                    List.of(),
                    Consortium.HASH_B,
                    Map.of(),
                    null,
                    base == null ? null : new org.fdcfabric.protocol.job.RoundProgress(base, BigDecimal.ONE, false));
        }

        UpdateCommitment signedBy(String msp, long round, String base, UpdateCommitment c) {
            return Consortium.signed(ids.provider(msp), "job-1", round, base, c);
        }

        @Test
        void theForgedRoundAttackIsRefusedAndTheJobCannotBeCompletedOnIt() {
            String initial = Consortium.INITIAL_MODEL;
            net.rejects(
                    "ROUND_NOT_CORROBORATED",
                    () -> net.recordUnsignedAs(ids.compute(), "job-1", unsigned(1, initial, DS1, DS2)));
            UpdateCommitment madeUp = new UpdateCommitment(
                    "ds-1",
                    600,
                    Consortium.HASH_A,
                    new org.fdcfabric.protocol.job.UsageSignature(
                            fingerprint(ids.compute()),
                            java.util.Base64.getEncoder()
                                    .encodeToString(ids.compute().sign("made up".getBytes()))));
            net.rejects(
                    "CENTER_KEY_NOT_FOUND",
                    () -> net.recordUnsignedAs(ids.compute(), "job-1", unsigned(1, initial, madeUp)));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.compute(), "job:RegisterCenterKey"));
            net.rejects("NO_ROUNDS_RECORDED", () -> net.submit(ids.compute(), "job:CompleteJob", "job-1"));
            assertThat(job("job-1").roundsRecorded()).isZero();
        }

        @Test
        void aSignatureByAnotherOrganisationsCenterDoesNotCount() {
            UpdateCommitment byOrg2 = signedBy(ORG2, 1, Consortium.INITIAL_MODEL, DS1);
            net.rejects(
                    "CENTER_KEY_NOT_FOUND",
                    () -> net.recordUnsignedAs(ids.compute(), "job-1", unsigned(1, Consortium.INITIAL_MODEL, byOrg2)));
        }

        @Test
        void theComputeOrganisationCannotChangeWhatTheCenterSigned() {
            String base = Consortium.INITIAL_MODEL;
            UpdateCommitment signed = signedBy(ORG1, 1, base, DS1);
            List<UpdateCommitment> altered = List.of(
                    new UpdateCommitment("ds-1", 599, signed.commitment(), signed.usage()),
                    new UpdateCommitment("ds-1", 600, Consortium.HASH_B, signed.usage()));
            for (UpdateCommitment c : altered) {
                net.rejects(
                        "ROUND_NOT_CORROBORATED",
                        () -> net.recordUnsignedAs(ids.compute(), "job-1", unsigned(1, base, c)));
            }
            net.rejects(
                    "ROUND_NOT_CORROBORATED",
                    () -> net.recordUnsignedAs(ids.compute(), "job-1", unsigned(1, Consortium.HASH_A, signed)));
            UpdateCommitment forRound2 = signedBy(ORG1, 2, base, DS1);
            net.rejects(
                    "ROUND_NOT_CORROBORATED",
                    () -> net.recordUnsignedAs(ids.compute(), "job-1", unsigned(1, base, forRound2)));
            ok(net.recordUnsignedAs(ids.compute(), "job-1", unsigned(1, base, signed)));
        }

        @Test
        void aRoundStartsFromThePreviousRoundsModel() {
            ok(net.recordAs(ids.compute(), "job-1", unsigned(1, null, DS1, DS2)));
            String wrongBase = Consortium.INITIAL_MODEL;
            RoundSubmission second =
                    unsigned(2, wrongBase, signedBy(ORG1, 2, wrongBase, DS1), signedBy(ORG2, 2, wrongBase, DS2));
            net.rejects("BASE_MODEL_MISMATCH", () -> net.recordUnsignedAs(ids.compute(), "job-1", second));
            RoundRecord recorded =
                    net.read(ok(net.recordAs(ids.compute(), "job-1", unsigned(2, null, DS1))), RoundRecord.class);
            assertThat(recorded.baseModelHash()).isEqualTo(Consortium.HASH_B);
        }

        @Test
        void aCenterKeyIsRegisteredOnceAndReadable() {
            TxResult again = ok(net.submit(ids.provider(ORG1), "job:RegisterCenterKey"));
            assertThat(again.committed()).isTrue();
            org.fdcfabric.protocol.job.CenterKey key = net.read(again, org.fdcfabric.protocol.job.CenterKey.class);
            assertThat(key.mspId()).isEqualTo(ORG1);
            assertThat(key.fingerprint()).isEqualTo(fingerprint(ids.provider(ORG1)));
            assertThat(net.read(
                            net.evaluate(ids.auditor(), "job:GetCenterKey", ORG1, key.fingerprint()),
                            org.fdcfabric.protocol.job.CenterKey.class))
                    .isEqualTo(key);
            assertThat(net.evaluate(ids.auditor(), "job:GetCenterKey", ORG2, key.fingerprint())
                            .errorCode())
                    .isEqualTo("CENTER_KEY_NOT_FOUND");
            assertThat(net.evaluate(ids.auditor(), "job:GetCenterKey", ORG1, "xyz")
                            .errorCode())
                    .isEqualTo("INVALID_USAGE_SIGNATURE");
        }
    }

    static String fingerprint(org.fdcfabric.msp.IssuedIdentity identity) {
        return org.fdcfabric.protocol.job.UsageSignatures.fingerprint(identity.certificate());
    }
}
