package org.fdcfabric.datacenter.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.datacenter.testing.TestPki;
import org.fdcfabric.learning.crypto.JobKeyAgreement;
import org.fdcfabric.learning.crypto.SealedBox;
import org.fdcfabric.learning.crypto.TlsMaterial;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.learning.tabular.ColumnStatistics;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.protocol.federation.DescribeRequest;
import org.fdcfabric.protocol.federation.EvaluateRequest;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.JobPreprocessing;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.StatisticsRequest;
import org.fdcfabric.protocol.federation.StatisticsResponse;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.fdcfabric.protocol.job.RoundUsage;
import org.fdcfabric.protocol.job.UsageSignature;
import org.fdcfabric.protocol.job.UsageSignatureWire;
import org.fdcfabric.protocol.job.UsageSignatures;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Federation service over real mutual TLS on localhost, with the chain faked in memory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationServiceTest {
    private static final String JOB = "job-1";
    private static final String DATASET = "school-a";
    private static final String PURPOSE = "activity-recognition";

    private final TestPki pki = new TestPki();
    private final InMemoryPassLedger ledger = new InMemoryPassLedger(Clock.systemUTC());
    private final List<ManagedChannel> channels = new ArrayList<>();
    private X509Certificate centerCa;
    private TestPki.Member coordinator;
    private TestPki.Member center;
    private TestPki.Member otherOrgMember;
    private TestPki.Member strangerMember;
    private FederationServer server;
    private ModelWeights global;

    @BeforeAll
    void start() throws Exception {
        TestPki.Org providerOrg = pki.organization("SchoolAMSP");
        TestPki.Org computeOrg = pki.organization("ComputeMSP");
        TestPki.Org otherOrg = pki.organization("OtherMSP");
        center = pki.member(providerOrg, "datacenter.school-a");
        coordinator = pki.member(computeOrg, "coordinator");
        otherOrgMember = pki.member(otherOrg, "someone");
        strangerMember = pki.member(pki.organization("StrangerMSP"), "stranger");
        TrustedOrganizations trusted = new TrustedOrganizations(Map.of(
                providerOrg.mspId(),
                providerOrg.ca(),
                computeOrg.mspId(),
                computeOrg.ca(),
                otherOrg.mspId(),
                otherOrg.ca()));
        FederationService service = new FederationService(
                "school-a",
                new KeyPair(center.certificate().getPublicKey(), center.privateKey()),
                List.of(new CenterDataset(
                        DATASET, GaussianBlobs.classification(300, 1, 0.7), GaussianBlobs.classification(100, 2, 0.7))),
                ledger,
                Trainers::forFamily,
                new SecureRandom(),
                UsageSigner.of(center.privateKey(), center.certificate()));
        server = FederationServer.start(
                0,
                new CenterIdentity("SchoolAMSP", center.privateKey(), center.certificate()),
                trusted,
                service,
                Clock.systemUTC());
        centerCa = providerOrg.ca();
        ledger.grant(JOB, DATASET, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
        ledger.grant(
                "job-revoked", DATASET, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
        ledger.revoke("job-revoked", DATASET);
        ledger.grant(
                "job-completed", DATASET, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
        ledger.settle("job-completed");
        ledger.grant(
                "job-expired", DATASET, "ComputeMSP", PURPOSE, Instant.now().minus(Duration.ofMinutes(1)));
        global = new ModelInitializer().initial(ModelArchitecture.logistic(6, 4), GaussianBlobs.SCHEMA.hash(), 1);
    }

    @AfterAll
    void stop() throws Exception {
        channels.forEach(ManagedChannel::shutdownNow);
        server.close();
    }

    private final Map<TestPki.Member, ManagedChannel> channelByMember = new java.util.HashMap<>();

    private FederationGrpc.FederationBlockingStub stub(TestPki.Member as) throws Exception {
        synchronized (channels) {
            ManagedChannel existing = channelByMember.get(as);
            if (existing != null) {
                return FederationGrpc.newBlockingStub(existing).withDeadlineAfter(30, TimeUnit.SECONDS);
            }
        }
        TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                .keyManager(TlsMaterial.keyManagers(as.privateKey(), as.certificate()))
                .trustManager(TlsMaterial.trustManagers(centerCa));
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.port(), credentials.build())
                .build();
        synchronized (channels) {
            channels.add(channel);
            channelByMember.put(as, channel);
        }
        return FederationGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private TrainRequest trainRequest(String job, Model model) {
        return TrainRequest.newBuilder()
                .setJobId(job)
                .setRound(1)
                .setDatasetId(DATASET)
                .setPurpose(PURPOSE)
                .setGlobalModel(model)
                .setHyperparameters(Hyperparameters.newBuilder()
                        .setLocalEpochs(1)
                        .setLearningRate(0.1)
                        .setBatchSize(16)
                        .setSeed(5))
                .build();
    }

    @Nested
    class Describe {
        @Test
        void listsDatasetsWithSchemaAndCounts() throws Exception {
            var response = stub(coordinator).describe(DescribeRequest.getDefaultInstance());
            assertThat(response.getCenterName()).isEqualTo("school-a");
            assertThat(response.getDatasets(0).getSchemaHash()).isEqualTo(GaussianBlobs.SCHEMA.hash());
            assertThat(response.getDatasets(0).getTrainSamples()).isEqualTo(300);
            assertThat(response.getDatasets(0).getClassesList())
                    .containsExactly("eating", "sleeping", "indoor", "outdoor");
        }
    }

    @Nested
    class Train {
        @Test
        void returnsASealedUpdateOnlyTheCoordinatorCanOpen() throws Exception {
            TrainResponse response = stub(coordinator).train(trainRequest(JOB, ModelCodec.toProto(global)));
            assertThat(response.getSampleCount()).isEqualTo(300);
            byte[] key = JobKeyAgreement.deriveJobKey(
                    coordinator.privateKey(),
                    coordinator.certificate().getPublicKey(),
                    center.certificate().getPublicKey(),
                    JOB);
            byte[] plain = new UpdateCipher(key, new SecureRandom())
                    .open(
                            new SealedBox(
                                    response.getUpdate().getNonce().toByteArray(),
                                    response.getUpdate().getCiphertext().toByteArray()),
                            UpdateCipher.binding(JOB, 1, DATASET));
            ModelWeights update = ModelCodec.fromProto(Model.parseFrom(plain), GaussianBlobs.SCHEMA.hash());
            assertThat(update.distanceTo(global)).isGreaterThan(0.1);
            // the center's word for the chain: its signature over exactly this round, update and base model
            RoundUsage usage = new RoundUsage(
                    JOB,
                    1,
                    DATASET,
                    300,
                    ModelCodec.sha256Hex(plain),
                    ModelCodec.sha256Hex(ModelCodec.toProto(global).toByteArray()));
            UsageSignature signature = UsageSignatureWire.fromProto(response.getUsage());
            assertThat(UsageSignatures.verify(center.certificate(), usage, signature))
                    .isTrue();
            assertThat(UsageSignatures.verify(
                            center.certificate(),
                            new RoundUsage(JOB, 1, DATASET, 301, usage.updateCommitment(), usage.baseModelHash()),
                            signature))
                    .isFalse();
            assertThat(ledger.usage()).anySatisfy(u -> {
                assertThat(u.granted()).isTrue();
                assertThat(u.callerMsp()).isEqualTo("ComputeMSP");
                assertThat(u.samples()).isEqualTo(300);
            });
        }

        @Test
        void refusesARevokedOrExpiredPassAndReportsIt() throws Exception {
            for (String job : List.of("job-revoked", "job-expired", "job-unknown")) {
                assertThatThrownBy(() -> stub(coordinator).train(trainRequest(job, ModelCodec.toProto(global))))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            }
            assertThat(ledger.usage())
                    .filteredOn(u -> !u.granted())
                    .extracting(DatasetUse::reason)
                    .contains("PASS_REVOKED", "PASS_EXPIRED", "PASS_NOT_FOUND");
        }

        @Test
        void refusesWorkForAJobThatIsNoLongerRunningWithItsCode() throws Exception {
            assertThatThrownBy(() -> stub(coordinator).train(trainRequest("job-completed", ModelCodec.toProto(global))))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(e.getStatus().getDescription())
                                .startsWith("JOB_NOT_RUNNING: job job-completed is not running on chain");
                    });
            assertThat(ledger.usage())
                    .filteredOn(u -> u.jobId().equals("job-completed"))
                    .singleElement()
                    .satisfies(u -> {
                        assertThat(u.granted()).isFalse();
                        assertThat(u.reason()).isEqualTo("JOB_NOT_RUNNING");
                    });
        }

        @Test
        void refusesACallerOutsideTheJobsComputeOrganisation() throws Exception {
            assertThatThrownBy(() -> stub(otherOrgMember).train(trainRequest(JOB, ModelCodec.toProto(global))))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(e.getStatus().getDescription()).startsWith("CALLER_NOT_COMPUTE_ORG");
                    });
        }

        @Test
        void anUntrustedCertificateCannotEvenConnect() throws Exception {
            assertThatThrownBy(() -> stub(strangerMember).describe(DescribeRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }

        @Test
        void rejectsNaNWrongShapesAndWrongSchemaWithClearErrors() throws Exception {
            Model good = ModelCodec.toProto(global);
            Model nan = good.toBuilder()
                    .setTensors(0, good.getTensors(0).toBuilder().setValues(3, Float.NaN))
                    .build();
            Model shape = good.toBuilder()
                    .setTensors(0, good.getTensors(0).toBuilder().setShape(1, 6))
                    .build();
            Model schema = good.toBuilder().setSchemaHash("ab".repeat(32)).build();
            Model family = good.toBuilder()
                    .setSpec(good.getSpec().toBuilder().setFamily("svm"))
                    .build();
            assertInvalid(nan, "finite");
            assertInvalid(shape, "shape");
            assertInvalid(schema, "schema hash");
            assertInvalid(family, "unknown model family");
        }

        private void assertInvalid(Model model, String message) {
            assertThatThrownBy(() -> stub(coordinator).train(trainRequest(JOB, model)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription())
                                .startsWith("INVALID_MODEL")
                                .contains(message);
                    });
        }

        @Test
        void rejectsUnknownDatasetsAndBadRequests() throws Exception {
            Model good = ModelCodec.toProto(global);
            assertThatThrownBy(() -> stub(coordinator)
                            .train(trainRequest(JOB, good).toBuilder()
                                    .setDatasetId("nope")
                                    .build()))
                    .hasMessageContaining("NOT_FOUND");
            assertThatThrownBy(() -> stub(coordinator)
                            .train(trainRequest(JOB, good).toBuilder()
                                    .setRound(0)
                                    .build()))
                    .hasMessageContaining("INVALID_ARGUMENT");
            assertThatThrownBy(() -> stub(coordinator)
                            .train(trainRequest(JOB, good).toBuilder()
                                    .setHyperparameters(Hyperparameters.newBuilder()
                                            .setLocalEpochs(1)
                                            .setLearningRate(-1)
                                            .setBatchSize(1))
                                    .build()))
                    .hasMessageContaining("INVALID_HYPERPARAMETERS");
        }
    }

    @Nested
    class SecureAggregation {
        @Test
        void aCenterWithoutPeerKeysRefusesItsCalls() throws Exception {
            assertThatThrownBy(() -> stub(coordinator)
                            .advertiseKeys(org.fdcfabric.protocol.federation.AdvertiseKeysRequest.newBuilder()
                                    .setSession(org.fdcfabric.protocol.federation.SecAggSession.newBuilder()
                                            .setJobId(JOB)
                                            .setRound(1)
                                            .setDatasetId(DATASET)
                                            .setPurpose(PURPOSE)
                                            .setThreshold(2))
                                    .build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).startsWith("SECAGG_NOT_CONFIGURED");
                    });
        }
    }

    @Nested
    class Evaluate {
        @Test
        void reportsMetricsAndConfusionOnTheLocalTestSplit() throws Exception {
            var response = stub(coordinator)
                    .evaluate(EvaluateRequest.newBuilder()
                            .setJobId(JOB)
                            .setRound(1)
                            .setDatasetId(DATASET)
                            .setPurpose(PURPOSE)
                            .setModel(ModelCodec.toProto(global))
                            .build());
            assertThat(response.getSampleCount()).isEqualTo(100);
            assertThat(response.getConfusionList()).hasSize(16);
            assertThat(response.getConfusionList().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(100);
            assertThat(response.getMetrics().getValuesMap()).containsKeys("accuracy", "macro_f1", "loss");
        }
    }

    @Nested
    class StatisticsAndPreprocessing {
        private StatisticsRequest statisticsRequest(String job) {
            return StatisticsRequest.newBuilder()
                    .setJobId(job)
                    .setDatasetId(DATASET)
                    .setPurpose(PURPOSE)
                    .build();
        }

        private TrainRequest withPreprocessing(String job, Preprocessing preprocessing, String hash) {
            return trainRequest(job, ModelCodec.toProto(global)).toBuilder()
                    .setPreprocessing(JobPreprocessing.newBuilder()
                            .setTransform(preprocessing.transform().toJson())
                            .setHash(hash))
                    .build();
        }

        @Test
        void statisticsAreTheTrainingSplitsAggregatesAndTheUseIsReported() throws Exception {
            StatisticsResponse response = stub(coordinator).statistics(statisticsRequest(JOB));

            ColumnStatistics expected =
                    ColumnStatistics.of(TabularRows.from(GaussianBlobs.classification(300, 1, 0.7)));
            assertThat(response.getSchemaHash()).isEqualTo(GaussianBlobs.SCHEMA.hash());
            assertThat(response.getValuesList().stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray())
                    .containsExactly(expected.toVector());
            assertThat(ledger.usage()).anySatisfy(u -> assertThat(u)
                    .isEqualTo(new DatasetUse(JOB, DATASET, 0, "statistics", "ComputeMSP", true, "", 300)));
        }

        @Test
        void statisticsNeedAValidPassLikeTraining() throws Exception {
            assertThatThrownBy(() -> stub(coordinator).statistics(statisticsRequest("job-revoked")))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            assertThatThrownBy(() -> stub(otherOrgMember).statistics(statisticsRequest(JOB)))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getDescription()).startsWith("CALLER_NOT_COMPUTE_ORG"));
        }

        @Test
        void aJobKeepsOnePreprocessingAndAForgedHashIsRefused() throws Exception {
            ledger.grant(
                    "job-pre", DATASET, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
            ColumnStatistics statistics =
                    ColumnStatistics.of(TabularRows.from(GaussianBlobs.classification(300, 1, 0.7)));
            Preprocessing standardize =
                    Preprocessing.fit(GaussianBlobs.SCHEMA.toUcl(), statistics, Scaling.STANDARDIZE);
            Preprocessing none = Preprocessing.asIs(GaussianBlobs.SCHEMA.toUcl());

            assertThatThrownBy(() -> stub(coordinator).train(withPreprocessing("job-pre", standardize, none.hash())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).startsWith("PREPROCESSING_MISMATCH");
                    });
            TrainResponse trained =
                    stub(coordinator).train(withPreprocessing("job-pre", standardize, standardize.hash()));
            assertThat(trained.getSampleCount()).isEqualTo(300);
            assertThatThrownBy(() -> stub(coordinator).train(withPreprocessing("job-pre", none, none.hash())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription())
                                .startsWith(
                                        "PREPROCESSING_MISMATCH: job job-pre used preprocessing " + standardize.hash());
                    });
        }
    }
}
