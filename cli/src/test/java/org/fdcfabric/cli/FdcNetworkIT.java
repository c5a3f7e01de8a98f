package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fdcfabric.auditor.AuditChecker;
import org.fdcfabric.auditor.AuditReport;
import org.fdcfabric.auditor.Verdict;
import org.fdcfabric.auditor.ViolationKind;
import org.fdcfabric.auditor.gateway.GatewayChainReader;
import org.fdcfabric.cli.audit.AuditCheckCommand;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.events.EventSubscription;
import org.fdcfabric.client.events.LedgerEvent;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.RoundUsage;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.job.UsageSignatures;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.DecisionOutcome;
import org.fdcfabric.protocol.pass.PassStatus;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenTransfer;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.trail.UsageReport;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.fdcfabric.protocol.ucl.UclStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The typed clients and the {@code fdc} command against an in-process devnet (the built-in FDC network) running the
 * real shaded chaincode jars. The collaboration flow builds on the registration and token steps, so the nested
 * classes run in order on one network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class FdcNetworkIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Path dir;
    private RunningDevnet devnet;
    private final String suffix = HexFormat.of().formatHex(RANDOM.generateSeed(3));
    private final String datasetId = "wearables-" + suffix;

    @BeforeAll
    void start() throws Exception {
        Path root = RunningDevnet.projectRoot();
        DevnetConfig config = DevnetConfig.defaults(root);
        for (var channel : config.channels()) {
            for (var chaincode : channel.chaincodes()) {
                assertThat(config.jar(chaincode))
                        .as(
                                "chaincode jar (build it with mvn -pl chaincode-registration,chaincode-collaboration package)")
                        .exists();
            }
        }
        dir = Files.createTempDirectory("fdc-network-it");
        devnet = RunningDevnet.start(config, dir);
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    private UclDraft draft(String id, long records) {
        return new UclDraft(
                id,
                "Wrist accelerometer windows",
                "60 s windows of 3-axis acceleration, 4 activity classes",
                new UclSchema(
                        List.of(
                                new FeatureSpec("f000", FeatureType.NUMERIC),
                                new FeatureSpec("f001", FeatureType.NUMERIC)),
                        new LabelSpec("activity", List.of("rest", "walk", "run", "cycle")),
                        Task.CLASSIFICATION),
                records,
                HexFormat.of().formatHex(Hashes.sha256(id.getBytes())),
                records,
                "grpcs://provider1.example:7443",
                new Terms(2));
    }

    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Registration {
        @Test
        @Order(1)
        void aProviderRegistersAndEveryoneReads() throws Exception {
            FdcConnection alice = devnet.as("alice");

            Committed<Ucl> committed = alice.registration().register(draft(datasetId, 500));

            Ucl ucl = committed.value();
            assertThat(ucl.ownerMsp()).isEqualTo("Provider1MSP");
            assertThat(ucl.version()).isEqualTo(1);
            assertThat(ucl.status()).isEqualTo(UclStatus.ACTIVE);
            assertThat(committed.transactionId()).isNotBlank();
            FdcConnection dave = devnet.as("dave");
            assertThat(dave.registration().dataset(datasetId)).contains(ucl);
            assertThat(dave.registration().version(datasetId, 1)).contains(ucl);
            assertThat(dave.registration().version(datasetId, 2)).isEmpty();
            assertThat(dave.registration().list("Provider1MSP", 100, "").datasets())
                    .contains(ucl);
            assertThat(dave.registration().history(datasetId, 10, "").versions())
                    .containsExactly(ucl);
        }

        @Test
        @Order(2)
        void anAbsentDatasetIsEmpty() throws Exception {
            assertThat(devnet.as("dave").registration().dataset("absent-" + suffix))
                    .isEmpty();
        }

        @Test
        @Order(3)
        void aSecondRegistrationIsRejectedWithItsCode() throws Exception {
            assertThatThrownBy(() -> devnet.as("alice").registration().register(draft(datasetId, 500)))
                    .isInstanceOfSatisfying(ChaincodeRejected.class, e -> {
                        assertThat(e.code()).isEqualTo("DATASET_EXISTS");
                        assertThat(e.transaction()).isEqualTo("registration:RegisterDataset");
                    });
        }

        @Test
        @Order(4)
        void anotherOrganisationCannotUpdateIt() throws Exception {
            assertThatThrownBy(() -> devnet.as("bob").registration().update(draft(datasetId, 600)))
                    .isInstanceOfSatisfying(
                            ChaincodeRejected.class, e -> assertThat(e.code()).isEqualTo("NOT_OWNER"));
        }

        @Test
        @Order(5)
        void theOwnerUpdatesAndRetiresADataset() throws Exception {
            FdcConnection alice = devnet.as("alice");
            String other = "retiring-" + suffix;
            alice.registration().register(draft(other, 100));

            Ucl second = alice.registration().update(draft(other, 120)).value();
            Ucl retired = alice.registration().retire(other).value();

            assertThat(second.version()).isEqualTo(2);
            assertThat(second.recordCount()).isEqualTo(120);
            assertThat(retired.status()).isEqualTo(UclStatus.RETIRED);
            assertThat(alice.registration().history(other, 1, "").versions())
                    .singleElement()
                    .satisfies(v -> assertThat(v.version()).isEqualTo(1));
            assertThat(alice.registration().history(other, 10, "").versions())
                    .extracting(Ucl::version)
                    .containsExactly(1, 2);
            assertThat(alice.registration().dataset(other)).contains(retired);
        }

        @Test
        @Order(6)
        void theDatasetsTrailVerifiesOnChainAndHere() throws Exception {
            FdcConnection frank = devnet.as("frank");
            TrailPage trail = frank.registration().trail("dataset:" + datasetId, 100, "");

            assertThat(trail.entries()).isNotEmpty();
            assertThat(AuditChain.verify(trail.entries())).isEmpty();
            assertThat(frank.registration().verifyTrail("dataset:" + datasetId).valid())
                    .isTrue();
        }
    }

    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Tokens {
        @Test
        @Order(1)
        void theAdminMintsAndWalletsTransfer() throws Exception {
            FdcConnection admin = devnet.as("provider1-admin");
            try {
                admin.tokens().initialize("FDC", "Provider1MSP");
            } catch (ChaincodeRejected e) {
                assertThat(e.code()).isEqualTo("TOKEN_ALREADY_INITIALIZED");
            }
            long before = admin.tokens().balanceOf("DataUserMSP").balance();

            Committed<TokenTransfer> minted = admin.tokens().mint("DataUserMSP", 10_000);

            assertThat(minted.value()).isEqualTo(new TokenTransfer(null, "DataUserMSP", 10_000, "mint"));
            FdcConnection dave = devnet.as("dave");
            assertThat(dave.tokens().balanceOf("DataUserMSP").balance()).isEqualTo(before + 10_000);
            dave.tokens().transfer("Provider2MSP", 10);
            assertThat(dave.tokens().balanceOf("DataUserMSP").balance()).isEqualTo(before + 10_000 - 10);
        }

        @Test
        @Order(2)
        void theSupplyEqualsTheSumOfAllAccounts() throws Exception {
            FdcConnection frank = devnet.as("frank");
            long sum = 0;
            String bookmark = "";
            do {
                AccountPage page = frank.tokens().accounts(2, bookmark);
                sum += page.accounts().stream().mapToLong(Balance::balance).sum();
                bookmark = page.bookmark();
            } while (!bookmark.isEmpty());

            assertThat(frank.tokens().totalSupply()).isEqualTo(sum).isPositive();
            assertThat(frank.tokens().token().name()).isEqualTo("FDC");
        }

        @Test
        @Order(3)
        void overspendingIsRejected() throws Exception {
            assertThatThrownBy(() -> devnet.as("erin").tokens().transfer("Provider1MSP", Long.MAX_VALUE / 2))
                    .isInstanceOfSatisfying(
                            ChaincodeRejected.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_FUNDS"));
        }

        /**
         * Concurrent transfers from one wallet read and write the same key: the devnet marks all but one of a
         * block's conflicting transactions MVCC_READ_CONFLICT, and the client's retry policy re-proposes them.
         */
        @Test
        @Order(4)
        void concurrentTransfersFromOneWalletAllCommitThroughRetries() throws Exception {
            FdcConnection dave = devnet.as("dave");
            long before = dave.tokens().balanceOf("DataUserMSP").balance();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Committed<TokenTransfer>>> transfers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    transfers.add(() -> dave.tokens().transfer("Provider3MSP", 1));
                }
                List<Committed<TokenTransfer>> committed = new ArrayList<>();
                for (Future<Committed<TokenTransfer>> f : pool.invokeAll(transfers)) {
                    committed.add(f.get());
                }
                assertThat(committed).extracting(Committed::transactionId).doesNotHaveDuplicates();
                assertThat(dave.tokens().balanceOf("DataUserMSP").balance()).isEqualTo(before - 4);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @Order(3)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Collaboration {
        private final String requestId = "req-" + suffix;
        private final String jobId = "job-" + suffix;

        @Test
        @Order(1)
        void aSignedRequestIsGrantedUsedAndCancelled() throws Exception {
            FdcConnection dave = devnet.as("dave");
            CollaborationRequest request = new CollaborationRequest(
                    requestId,
                    "DataUserMSP",
                    List.of(datasetId),
                    "activity recognition",
                    "federated-logistic-regression",
                    5,
                    Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                    HexFormat.of().formatHex(RANDOM.generateSeed(32)));
            byte[] signature = Signatures.sign(dave.identity().privateKey(), request.canonicalBytes());

            RequestRecord record =
                    dave.passes().requestAccess(request, signature).value();
            assertThat(record.request()).isEqualTo(request);

            FdcConnection alice = devnet.as("alice");
            AccessPass pass = alice.passes()
                    .grant(requestId, datasetId, Instant.now().plus(10, ChronoUnit.DAYS), 3)
                    .value();
            assertThat(pass.passId()).isEqualTo(AccessPass.idFor(requestId, datasetId));
            assertThat(dave.passes().pass(pass.passId())).contains(pass);
            PassVerdict verdict = dave.passes().verify(pass.passId(), datasetId, "activity recognition");
            assertThat(verdict.valid()).isTrue();

            JobOffer offer = new JobOffer(
                    jobId,
                    List.of(datasetId),
                    "activity recognition",
                    1,
                    1000,
                    100,
                    "ComputeMSP",
                    new ModelSpec("logistic-regression", Map.of("learningRate", "0.1")),
                    3,
                    Instant.now().plus(1, ChronoUnit.DAYS));
            long before = dave.tokens().balanceOf("DataUserMSP").balance();
            TrainingJob job = dave.jobs().create(offer).value();
            assertThat(job.status()).isEqualTo(JobStatus.OPEN);
            assertThat(dave.tokens().balanceOf("escrow:" + jobId).balance()).isEqualTo(1100);

            TrainingJob accepted =
                    alice.jobs().accept(jobId, datasetId, pass.passId(), 400).value();
            assertThat(accepted.participants()).singleElement().satisfies(p -> assertThat(p.samples())
                    .isEqualTo(400));

            TrainingJob cancelled = dave.jobs().cancel(jobId).value();
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(dave.tokens().balanceOf("DataUserMSP").balance()).isEqualTo(before);
            assertThat(dave.jobs().job(jobId)).contains(cancelled);
        }

        @Test
        @Order(2)
        void theJobsTrailVerifiesOnChainAndHere() throws Exception {
            FdcConnection frank = devnet.as("frank");
            TrailPage trail = frank.audit().trail("job:" + jobId, 100, "");

            assertThat(trail.entries())
                    .extracting(e -> e.action())
                    .containsExactly("job:CreateJob", "job:AcceptJob", "job:CancelJob");
            assertThat(AuditChain.verify(trail.entries())).isEmpty();
            assertThat(frank.audit().verify("job:" + jobId).valid()).isTrue();
            assertThat(frank.audit().heads(100, "").heads())
                    .filteredOn(h -> h.subject().equals("job:" + jobId))
                    .singleElement()
                    .satisfies(h -> assertThat(h).isEqualTo(trail.entries().get(2)));
            assertThat(frank.jobs().jobs(100, "").jobs())
                    .extracting(TrainingJob::jobId)
                    .contains(jobId);
        }

        @Test
        @Order(3)
        void aJobRunsItsRoundsAndSettles() throws Exception {
            FdcConnection dave = devnet.as("dave");
            FdcConnection alice = devnet.as("alice");
            FdcConnection erin = devnet.as("erin");
            String request = "req2-" + suffix;
            String job = "job2-" + suffix;
            requestAccess(dave, request);
            AccessPass pass = alice.passes()
                    .grant(request, datasetId, Instant.now().plus(10, ChronoUnit.DAYS), 2)
                    .value();
            dave.jobs().create(offer(job, 1));
            alice.jobs().accept(job, datasetId, pass.passId(), 400);
            long providerBefore = alice.tokens().balanceOf("Provider1MSP").balance();

            assertThat(erin.jobs().start(job).value().status()).isEqualTo(JobStatus.RUNNING);
            String commitment = HexFormat.of().formatHex(Hashes.sha256("update".getBytes()));
            String initial = HexFormat.of().formatHex(Hashes.sha256("initial model".getBytes()));
            RoundSubmission submission = new RoundSubmission(
                    1,
                    List.of(new UpdateCommitment(datasetId, 400, commitment, null)),
                    List.of(),
                    HexFormat.of().formatHex(Hashes.sha256("model".getBytes())),
                    Map.of("accuracy", new BigDecimal("0.91")));
            UpdateCommitment unsigned = submission.contributions().get(0);
            RoundUsage roundUsage = unsigned.roundUsage(job, 1, initial);
            // the compute organisation cannot vouch for a center: its own signature names no registered center key
            UpdateCommitment forged = new UpdateCommitment(
                    datasetId,
                    400,
                    commitment,
                    UsageSignatures.sign(
                            erin.identity().privateKey(), erin.identity().certificate(), roundUsage));
            assertThatThrownBy(() -> erin.jobs().recordRound(job, submission.corroborated(initial, List.of(forged))))
                    .isInstanceOfSatisfying(
                            ChaincodeRejected.class, e -> assertThat(e.code()).isEqualTo("CENTER_KEY_NOT_FOUND"));
            alice.jobs().registerCenterKey();
            UpdateCommitment signed = new UpdateCommitment(
                    datasetId,
                    400,
                    commitment,
                    UsageSignatures.sign(
                            alice.identity().privateKey(), alice.identity().certificate(), roundUsage));
            RoundRecord round = erin.jobs()
                    .recordRound(job, submission.corroborated(initial, List.of(signed)))
                    .value();
            TrainingJob completed = erin.jobs().complete(job).value();

            assertThat(round.participants()).singleElement().satisfies(p -> assertThat(p.passId())
                    .isEqualTo(pass.passId()));
            assertThat(dave.jobs().round(job, 1)).contains(round);
            assertThat(dave.jobs().round(job, 2)).isEmpty();
            assertThat(dave.jobs().rounds(job, 10, "").rounds()).containsExactly(round);
            assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(completed.settlement().payouts().stream()
                            .mapToLong(Payout::amount)
                            .sum())
                    .isEqualTo(completed.offer().escrowAmount());
            assertThat(alice.tokens().balanceOf("Provider1MSP").balance()).isEqualTo(providerBefore + 400);
            assertThat(dave.passes().pass(pass.passId()).orElseThrow().roundsUsed())
                    .isEqualTo(1);

            UsageRecord usage = alice.audit()
                    .recordUsage(new UsageReport(
                            datasetId, UsageKind.TRAIN, job, pass.passId(), "DataUserMSP", 1L, "trained round 1", null))
                    .value();
            assertThat(devnet.as("frank").audit().usage(datasetId, 100, "").usage())
                    .contains(usage);
        }

        @Test
        @Order(4)
        void ownersDenyRequestsAndRevokePasses() throws Exception {
            FdcConnection dave = devnet.as("dave");
            FdcConnection alice = devnet.as("alice");
            String request = "req3-" + suffix;
            requestAccess(dave, request);

            RequestRecord denied = alice.passes()
                    .deny(request, datasetId, "not for this purpose")
                    .value();
            String passId = AccessPass.idFor(requestId, datasetId);
            AccessPass revoked = alice.passes().revoke(passId, "study ended").value();

            assertThat(denied.decisions()).singleElement().satisfies(d -> assertThat(d.outcome())
                    .isEqualTo(DecisionOutcome.DENIED));
            assertThat(dave.passes().request(request)).contains(denied);
            assertThat(revoked.status()).isEqualTo(PassStatus.REVOKED);
            PassVerdict verdict = dave.passes().verify(passId, datasetId, "activity recognition");
            assertThat(verdict.valid()).isFalse();
            assertThat(verdict.reason()).isEqualTo(PassVerdict.PASS_REVOKED);
            assertThat(dave.passes().passesOf(datasetId, 100, "").passes())
                    .extracting(AccessPass::passId)
                    .contains(passId, AccessPass.idFor("req2-" + suffix, datasetId));
        }

        /** Builds a request for the dataset, signs it with the user's own key and submits it. */
        private RequestRecord requestAccess(FdcConnection user, String id) throws Exception {
            CollaborationRequest request = new CollaborationRequest(
                    id,
                    user.identity().mspId(),
                    List.of(datasetId),
                    "activity recognition",
                    "federated-logistic-regression",
                    5,
                    Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                    HexFormat.of().formatHex(RANDOM.generateSeed(32)));
            byte[] signature = Signatures.sign(user.identity().privateKey(), request.canonicalBytes());
            return user.passes().requestAccess(request, signature).value();
        }

        private JobOffer offer(String job, long rounds) {
            return new JobOffer(
                    job,
                    List.of(datasetId),
                    "activity recognition",
                    1,
                    1000,
                    100,
                    "ComputeMSP",
                    new ModelSpec("logistic-regression", Map.of("learningRate", "0.1")),
                    rounds,
                    Instant.now().plus(1, ChronoUnit.DAYS));
        }

        @Test
        @Order(5)
        void anUnknownJobIsEmptyAndAnUnknownRequestCannotBeGranted() throws Exception {
            assertThat(devnet.as("dave").jobs().job("nope-" + suffix)).isEmpty();
            assertThatThrownBy(() -> devnet.as("alice")
                            .passes()
                            .grant("nope-" + suffix, datasetId, Instant.now().plusSeconds(3600), 1))
                    .isInstanceOfSatisfying(
                            ChaincodeRejected.class, e -> assertThat(e.code()).isEqualTo("REQUEST_NOT_FOUND"));
        }
    }

    @Nested
    @Order(4)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Events {
        @Test
        void aRestartedListenerResumesAfterItsCheckpointWithoutDuplicates() throws Exception {
            Path checkpoint = dir.resolve("events/collaboration.checkpoint");
            Files.createDirectories(checkpoint.getParent());
            FdcConnection admin = devnet.as("provider1-admin");
            FdcConnection frank = devnet.as("frank");
            admin.tokens().mint("ComputeMSP", 1);

            List<LedgerEvent> first = Collections.synchronizedList(new ArrayList<>());
            try (EventSubscription subscription = frank.collaborationEvents().subscribe(checkpoint, 0, first::add)) {
                awaitEvent(first, e -> e.name().equals("Minted") && e.payload().contains("ComputeMSP"));
            }
            int seen = first.size();
            assertThat(seen).isPositive();

            Committed<TokenTransfer> later = admin.tokens().mint("AuditorMSP", 7);
            List<LedgerEvent> second = Collections.synchronizedList(new ArrayList<>());
            try (EventSubscription subscription = frank.collaborationEvents().subscribe(checkpoint, 0, second::add)) {
                awaitEvent(second, e -> e.transactionId().equals(later.transactionId()));
            }

            assertThat(second).first().satisfies(e -> assertThat(e.transactionId())
                    .isEqualTo(later.transactionId()));
            assertThat(second.get(0).payloadAs(TokenTransfer.class))
                    .isEqualTo(new TokenTransfer(null, "AuditorMSP", 7, "mint"));
            List<String> firstIds =
                    first.stream().map(LedgerEvent::transactionId).toList();
            assertThat(second).extracting(LedgerEvent::transactionId).doesNotContainAnyElementsOf(firstIds);
        }

        @Test
        void aFailingHandlerStopsTheSubscriptionAndItsEventComesAgain() throws Exception {
            Path checkpoint = dir.resolve("events/failing.checkpoint");
            Files.createDirectories(checkpoint.getParent());
            Committed<TokenTransfer> minted =
                    devnet.as("provider1-admin").tokens().mint("ComputeMSP", 3);
            FdcConnection frank = devnet.as("frank");
            IllegalStateException down = new IllegalStateException("handler down");

            try (EventSubscription failing = frank.collaborationEvents()
                    .subscribe(checkpoint, minted.blockNumber(), e -> {
                        throw down;
                    })) {
                assertThat(failing.awaitStop(Duration.ofSeconds(30))).isTrue();
                assertThat(failing.isRunning()).isFalse();
                assertThat(failing.failure()).containsSame(down);
            }

            List<LedgerEvent> again = Collections.synchronizedList(new ArrayList<>());
            try (EventSubscription retry =
                    frank.collaborationEvents().subscribe(checkpoint, minted.blockNumber(), again::add)) {
                awaitEvent(again, e -> e.transactionId().equals(minted.transactionId()));
                assertThat(retry.failure()).isEmpty();
            }
            assertThat(again.get(0).blockNumber()).isEqualTo(minted.blockNumber());
        }

        private void awaitEvent(List<LedgerEvent> events, java.util.function.Predicate<LedgerEvent> wanted)
                throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (events) {
                    if (events.stream().anyMatch(wanted)) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("event not delivered within 30 s; got " + events);
        }
    }

    @Nested
    @Order(5)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CommandLine {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();

        private int fdc(String... args) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            CliContext context = new CliContext(
                    Connector.gateway(),
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    Map.of("FDC_PROFILE", devnet.profileFile().toString()),
                    Clock.systemUTC(),
                    RANDOM);
            return Fdc.commandLine(context).execute(args);
        }

        @Test
        void showsADatasetAsJson() {
            int exit = fdc("dataset", "show", datasetId, "--as", "dave", "--json");

            assertThat(exit).as(err.toString()).isZero();
            Ucl ucl = CanonicalJson.read(out.toString().strip(), Ucl.class);
            assertThat(ucl.id()).isEqualTo(datasetId);
        }

        @Test
        void showsADatasetForPeople() {
            int exit = fdc("dataset", "show", datasetId, "--as", "dave");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("dataset " + datasetId)
                    .contains("owner:")
                    .contains("Provider1MSP");
        }

        @Test
        void anAbsentDatasetIsNotFound() {
            int exit = fdc("dataset", "show", "absent-" + suffix, "--as", "dave");

            assertThat(exit).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(err.toString()).contains("no dataset absent-" + suffix);
        }

        @Test
        void aChaincodeErrorShowsItsCode() {
            int exit = fdc("token", "transfer", "Provider1MSP", "999999999999", "--as", "erin");

            assertThat(exit).isEqualTo(ExitCodes.REJECTED);
            assertThat(err.toString()).startsWith("error: INSUFFICIENT_FUNDS: ").contains("(token:Transfer)");
        }

        @Test
        void submitsASignedRequestThatTheChainVerifies() {
            int exit = fdc(
                    "request",
                    "submit",
                    "--as",
                    "dave",
                    "--dataset",
                    datasetId,
                    "--purpose",
                    "activity recognition",
                    "--computation",
                    "federated-logistic-regression",
                    "--max-rounds",
                    "2",
                    "--expires",
                    "7d",
                    "--json");

            assertThat(exit).as(err.toString()).isZero();
            var committed = CanonicalJson.tree(out.toString().strip());
            assertThat(committed.get("value").get("request").get("dataUserMsp").asText())
                    .isEqualTo("DataUserMSP");
            assertThat(committed.get("transactionId").asText()).isNotBlank();
        }

        @Test
        void verifiesAJobTrail() {
            int exit = fdc("audit", "verify", "token", "--as", "frank");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("token: VALID");
        }

        @Test
        void verifiesEveryTrail() {
            int exit = fdc("audit", "verify", "--all", "--as", "frank");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("0 broken").contains("job:job-" + suffix + ": VALID");
        }

        @Test
        void verifiesADatasetsRegistryTrailAndThatItsRecordIsWhatTheTrailRecorded() {
            int exit = fdc("audit", "verify", "dataset:" + datasetId, "--registry", "--as", "frank");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("dataset:" + datasetId + ": VALID");
        }

        @Test
        void listsJobs() {
            int exit = fdc("job", "list", "--as", "frank", "--json");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("\"jobId\":\"job-" + suffix + "\"");
        }

        @Test
        void reportsTheNetworksStatus() {
            int exit = fdc("devnet", "status", "--as", "frank");

            assertThat(exit).as(err.toString() + out).isZero();
            assertThat(out.toString()).contains("channel registration:").contains("channel collaboration:");
        }

        /** Runs a command with --json and returns its document, checked to be typed (no strings for people). */
        private JsonNode json(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            all.add("--json");
            int exit = fdc(all.toArray(String[]::new));
            assertThat(exit).as(String.join(" ", args) + ": " + err).isZero();
            JsonNode document = CanonicalJson.tree(out.toString().strip());
            assertTyped(String.join(" ", args), document);
            return document;
        }

        private static void assertTyped(String command, JsonNode node) {
            if (node.isTextual()) {
                assertThat(node.asText())
                        .as(command + ": a typed value, not text for people or Java's toString")
                        .doesNotMatch("(?s).*\\(\\d+ ms\\).*")
                        .doesNotMatch("(?s).*\\b[A-Z][A-Za-z]+\\[\\w+=.*")
                        .doesNotMatch("(?s).*\\{\\w+=.*");
            }
            node.forEach(child -> assertTyped(command, child));
        }

        @Test
        void everyReadCommandPrintsTypedJson() {
            JsonNode status = json("devnet", "status", "--as", "frank");
            assertThat(status.get("channels")).hasSize(2).allSatisfy(channel -> {
                assertThat(channel.get("ok").isBoolean()).isTrue();
                assertThat(channel.get("ok").asBoolean()).isTrue();
                assertThat(channel.get("latencyMs").isIntegralNumber()).isTrue();
            });
            assertThat(status.get("mspId").asText()).isNotBlank();

            JsonNode history = json("dataset", "history", datasetId, "--as", "frank");
            assertThat(history)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v.get("version").isInt()).isTrue());
            assertThat(json("dataset", "list", "--as", "frank")
                            .get(0)
                            .get("recordCount")
                            .isNumber())
                    .isTrue();

            JsonNode trail = json("audit", "trail", "token", "--as", "frank");
            assertThat(trail.get("entries"))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.get("seq").isNumber()).isTrue());
            JsonNode verified = json("audit", "verify", "token", "--as", "frank");
            assertThat(verified.get("locallyValid").isBoolean()).isTrue();
            assertThat(verified.get("entries").isNumber()).isTrue();
            assertThat(json("audit", "verify", "--all", "--as", "frank"))
                    .allSatisfy(
                            r -> assertThat(r.get("locallyValid").asBoolean()).isTrue());

            assertThat(json("token", "balance", "DataUserMSP", "--as", "frank")
                            .get("balance")
                            .isNumber())
                    .isTrue();
            JsonNode job = json("job", "show", "job-" + suffix, "--rounds", "--as", "frank");
            assertThat(job.findValue("rounds").isNumber()
                            || job.findValue("rounds").isArray())
                    .isTrue();
            assertThat(json("pass", "list", datasetId, "--as", "alice")).isNotNull();
        }

        @Test
        void aSubmitPrintsTypedJson() {
            JsonNode committed = json("token", "transfer", "Provider1MSP", "1", "--as", "dave");

            assertThat(committed.get("blockNumber").isIntegralNumber()).isTrue();
            assertThat(committed.get("attempts").isInt()).isTrue();
            assertThat(committed.get("value").get("amount").asLong()).isEqualTo(1);
        }
    }

    @Nested
    @Order(6)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Audit {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();

        private int fdc(String... args) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            CliContext context = new CliContext(
                    Connector.gateway(),
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    Map.of("FDC_PROFILE", devnet.profileFile().toString()),
                    Clock.systemUTC(),
                    RANDOM);
            picocli.CommandLine fdc = Fdc.commandLine(context);
            picocli.CommandLine audit = fdc.getSubcommands().get("audit");
            if (!audit.getSubcommands().containsKey("check")) {
                audit.addSubcommand("check", new AuditCheckCommand());
            }
            return fdc.execute(args);
        }

        @Test
        @Order(1)
        void theWholeNetworkAuditsCleanThroughTheGateway() throws Exception {
            AuditReport report = new AuditChecker(GatewayChainReader.over(devnet.as("frank"))).check();

            assertThat(report.violations()).as(report.toText()).isEmpty();
            assertThat(report.verdict()).isEqualTo(Verdict.CLEAN);
            assertThat(report.coverage().jobs()).isPositive();
            assertThat(report.coverage().rounds()).isPositive();
            assertThat(report.coverage().trails())
                    .isGreaterThan(report.coverage().jobs());
            // both channels' blocks were read through qscc and verified, every trail entry found in them
            assertThat(report.coverage().blocks()).isGreaterThan(2);
            assertThat(report.lineage())
                    .anySatisfy(job -> assertThat(job.finalModelHash()).isNotNull());
        }

        @Test
        @Order(2)
        void fdcAuditCheckSaysCleanAndWritesItsReport() throws Exception {
            Path file = dir.resolve("audit.json");

            int exit = fdc("audit", "check", "--as", "frank", "--report", file.toString());

            assertThat(exit).as(err.toString() + out).isZero();
            assertThat(out.toString()).startsWith("Audit verdict: CLEAN");
            AuditReport written = CanonicalJson.read(Files.readString(file).strip(), AuditReport.class);
            assertThat(written.verdict()).isEqualTo(Verdict.CLEAN);
        }

        @Test
        @Order(3)
        void aRefusalReportedByADataCenterFailsTheAudit() throws Exception {
            UsageRecord refusal = devnet.as("alice")
                    .audit()
                    .recordUsage(new UsageReport(
                            datasetId, UsageKind.REFUSED, null, null, "DataUserMSP", null, "no valid pass", null))
                    .value();

            int exit = fdc("audit", "check", "--as", "frank", "--json");

            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.NOT_VERIFIED);
            assertThat(err.toString()).contains("the audit found 1 violation");
            AuditReport report = CanonicalJson.read(out.toString().strip(), AuditReport.class);
            assertThat(report.verdict()).isEqualTo(Verdict.VIOLATIONS);
            assertThat(report.violations()).singleElement().satisfies(v -> {
                assertThat(v.kind()).isEqualTo(ViolationKind.REFUSED_ACCESS);
                assertThat(v.subject()).isEqualTo("dataset:" + datasetId);
                assertThat(v.evidence()).containsEntry("reportTxId", refusal.txId());
            });
        }
    }
}
