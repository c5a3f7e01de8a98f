package org.fdcfabric.datacenter.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.datacenter.masking.MaskingCenter;
import org.fdcfabric.datacenter.masking.MaskingParticipant;
import org.fdcfabric.datacenter.masking.MaskingPeers;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.federation.AdvertiseKeysRequest;
import org.fdcfabric.protocol.federation.AdvertiseKeysResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.MaskedTrainRequest;
import org.fdcfabric.protocol.federation.MaskedTrainResponse;
import org.fdcfabric.protocol.federation.SecAggSession;
import org.fdcfabric.protocol.federation.ShareKeysRequest;
import org.fdcfabric.protocol.federation.ShareKeysResponse;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.job.RoundUsage;
import org.fdcfabric.protocol.job.UsageSignature;
import org.fdcfabric.protocol.job.UsageSignatureWire;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.SecAggWire;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.ShareKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The center's side of secure aggregation over a real in-process gRPC server: each step passes the same pass check
 * as Train, steps run in order, a masked input leaves once per (job, round), and a job the center masked for never
 * gets its update in the clear. The other center of the session is a library {@link MaskingCenter}.
 */
class SecureAggregationServiceTest {
    static final String JOB = "job-s";
    static final String PURPOSE = "activity-recognition";
    static final String A = "school-a";
    static final String B = "school-b";

    final InMemoryPassLedger ledger = new InMemoryPassLedger(Clock.systemUTC());
    final KeyPair keysA = p256();
    final KeyPair keysB = p256();
    Server server;
    ManagedChannel channel;
    FederationGrpc.FederationBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        FederationService service = new FederationService(
                A,
                keysA,
                List.of(new CenterDataset(
                        A, GaussianBlobs.classification(120, 1, 0.7), GaussianBlobs.classification(40, 2, 0.7))),
                ledger,
                Trainers::forFamily,
                new SecureRandom(),
                UsageSigner.of(keysA.getPrivate(), "aa".repeat(32)),
                MaskingPeers.of(Map.of(A, keysA.getPublic(), B, keysB.getPublic())),
                Runnable::run);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(
                        service, new LocalCallerInterceptor(new Caller("ComputeMSP", p256().getPublic()))))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = FederationGrpc.newBlockingStub(channel);
        ledger.grant(JOB, A, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    FederationGrpc.FederationBlockingStub call() {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static SecAggSession session(int round) {
        return SecAggSession.newBuilder()
                .setJobId(JOB)
                .setRound(round)
                .setDatasetId(A)
                .setPurpose(PURPOSE)
                .setThreshold(2)
                .build();
    }

    /** Runs advertise, share keys and masked training for center A, with B as the session's other center. */
    MaskedTrainResponse maskedRound(int round) {
        SessionId session = new SessionId(JOB, round);
        MaskingParticipant b = new MaskingCenter(
                        B,
                        keysB.getPrivate(),
                        Map.of(A, keysA.getPublic()),
                        2,
                        FixedPointCodec.DEFAULT,
                        new SecureRandom())
                .join(session);
        AdvertiseKeysResponse adA = call().advertiseKeys(AdvertiseKeysRequest.newBuilder()
                .setSession(session(round))
                .build());
        AdvertiseKeys adB = b.advertise();
        List<AdvertiseKeys> roster = List.of(SecAggWire.fromProto(session, adA.getAdvertisement()), adB);
        ShareKeysResponse sharedA = call().shareKeys(ShareKeysRequest.newBuilder()
                .setSession(session(round))
                .addAllRoster(roster.stream().map(SecAggWire::toProto).toList())
                .build());
        ShareKeys sharedB = b.shareKeys(roster);
        b.maskedInput(SecAggWire.fromProto(sharedA.getSharesList()), new float[] {0.5f}, 1);
        return call().maskedTrain(MaskedTrainRequest.newBuilder()
                .setSession(session(round))
                .setGlobalModel(ModelCodec.toProto(new ModelInitializer()
                        .initial(ModelArchitecture.logistic(6, 4), GaussianBlobs.SCHEMA.hash(), 1)))
                .setHyperparameters(Hyperparameters.newBuilder()
                        .setLocalEpochs(1)
                        .setLearningRate(0.1)
                        .setBatchSize(16)
                        .setSeed(3))
                .addAllShares(sharedB.shares().stream().map(SecAggWire::toProto).toList())
                .build());
    }

    @Nested
    class Steps {
        @Test
        void aMaskedRoundReturnsTheWholeVectorAndChargesOneTrainingUse() {
            MaskedTrainResponse masked = maskedRound(1);
            int parameters = ModelArchitecture.logistic(6, 4).parameterCount();
            assertThat(masked.getMaskedCount()).isEqualTo(parameters + 1);
            assertThat(masked.getSampleCount()).isEqualTo(120);
            assertThat(masked.getLocalMetrics().getValuesMap()).containsKeys("loss", "train_seconds", "mask_seconds");
            // The sample count rides in the last slot, masked: it is not there in the clear.
            assertThat(masked.getMasked(parameters)).isNotEqualTo(120L);
            // the center signs the masked words it sent and the model it started from
            long[] words =
                    masked.getMaskedList().stream().mapToLong(Long::longValue).toArray();
            RoundUsage usage = new RoundUsage(
                    JOB,
                    1,
                    A,
                    120,
                    new MaskedInput(new SessionId(JOB, 1), A, words).commitment(),
                    ModelCodec.sha256Hex(ModelCodec.toProto(new ModelInitializer()
                                    .initial(ModelArchitecture.logistic(6, 4), GaussianBlobs.SCHEMA.hash(), 1))
                            .toByteArray()));
            UsageSignature signature = UsageSignatureWire.fromProto(masked.getUsage());
            assertThat(Signatures.verify(
                            keysA.getPublic(),
                            usage.canonicalBytes(),
                            java.util.Base64.getDecoder().decode(signature.signature())))
                    .isTrue();
            assertThat(ledger.usage())
                    .filteredOn(u -> u.granted() && u.operation().equals("train"))
                    .hasSize(1);
        }

        @Test
        void aRevokedPassRefusesTheFirstStepAndIsReported() {
            ledger.revoke(JOB, A);
            assertThatThrownBy(() -> call().advertiseKeys(AdvertiseKeysRequest.newBuilder()
                            .setSession(session(1))
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            assertThat(ledger.usage())
                    .filteredOn(u -> !u.granted())
                    .extracting(u -> u.reason())
                    .contains("PASS_REVOKED");
        }

        @Test
        void stepsOutOfOrderAreRefused() {
            assertThatThrownBy(() -> call().shareKeys(ShareKeysRequest.newBuilder()
                            .setSession(session(1))
                            .build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).startsWith("SECAGG_WRONG_PHASE");
                    });
        }

        @Test
        void aThresholdOutsideTheRangeIsRefused() {
            assertThatThrownBy(() -> call().advertiseKeys(AdvertiseKeysRequest.newBuilder()
                            .setSession(session(1).toBuilder().setThreshold(1))
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
    }

    @Nested
    class Confidentiality {
        @Test
        void aRoundThatSentItsMaskedInputCannotBeJoinedAgain() {
            maskedRound(1);
            assertThatThrownBy(() -> call().advertiseKeys(AdvertiseKeysRequest.newBuilder()
                            .setSession(session(1))
                            .build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).startsWith("SECAGG_SESSION_REUSED");
                    });
            assertThat(maskedRound(2).getMaskedCount())
                    .as("the next round is a new session")
                    .isPositive();
        }

        @Test
        void aJobThisCenterMaskedForNeverGetsItsUpdateInTheClear() {
            maskedRound(1);
            TrainRequest clear = TrainRequest.newBuilder()
                    .setJobId(JOB)
                    .setRound(2)
                    .setDatasetId(A)
                    .setPurpose(PURPOSE)
                    .setGlobalModel(ModelCodec.toProto(new ModelInitializer()
                            .initial(ModelArchitecture.logistic(6, 4), GaussianBlobs.SCHEMA.hash(), 1)))
                    .setHyperparameters(Hyperparameters.newBuilder()
                            .setLocalEpochs(1)
                            .setLearningRate(0.1)
                            .setBatchSize(16))
                    .build();
            assertThatThrownBy(() -> call().train(clear)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                assertThat(e.getStatus().getDescription()).startsWith("SECURE_JOB");
            });
        }
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
