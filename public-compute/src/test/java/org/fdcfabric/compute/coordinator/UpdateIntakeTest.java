package org.fdcfabric.compute.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.SettableFuture;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.learning.crypto.SealedBox;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.federation.Metrics;
import org.fdcfabric.protocol.federation.SealedUpdate;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpdateIntakeTest {
    private static final String JOB = "job-intake";
    private static final int ROUND = 3;
    private static final ModelArchitecture SPEC = ModelArchitecture.logistic(6, 4);
    private static final String SCHEMA = GaussianBlobs.SCHEMA.hash();
    /** Runs intake work on the thread that completes the call, so the test sees exactly when it happened. */
    private static final Executor DIRECT = Runnable::run;

    private final SecureRandom random = new SecureRandom();
    private final UpdateCipher cipher = new UpdateCipher(key(), random);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ModelWeights model = new ModelInitializer().initial(ModelArchitecture.fm(6, 4, 2), SCHEMA, 1);
    private final ModelWeights logistic = ModelWeights.of(SPEC, SCHEMA, new float[SPEC.parameterCount()]);

    private UpdateIntake intake() {
        return new UpdateIntake(JOB, ROUND, SPEC, SCHEMA, DIRECT, new CpuClock(), meters);
    }

    @Nested
    class Arrival {
        @Test
        void eachUpdateIsOpenedWhenItArrivesNotWhenTheLastOneDoes() {
            UpdateIntake intake = intake();
            SettableFuture<TrainResponse> early = SettableFuture.create();
            SettableFuture<TrainResponse> late = SettableFuture.create();
            intake.expect("center-a", cipher, early);
            intake.expect("center-b", cipher, late);

            early.set(sealed("center-a", logistic, 10, ROUND));
            assertThat(meters.get("fdc.coordinator.intake")
                            .tag("step", "open")
                            .timer()
                            .count())
                    .isEqualTo(1);
            late.set(sealed("center-b", logistic, 30, ROUND));

            RoundUpdates updates = intake.await();
            assertThat(meters.get("fdc.coordinator.intake")
                            .tag("step", "open")
                            .timer()
                            .count())
                    .isEqualTo(2);
            assertThat(updates.accepted()).extracting(WeightedUpdate::samples).containsExactly(10L, 30L);
            assertThat(updates.absences()).isEmpty();
            assertThat(updates.lossSum()).isEqualTo(0.5 * 10 + 0.5 * 30);
            assertThat(updates.bytesIn()).isPositive();
            assertThat(updates.lastArrivalNanos()).isLessThanOrEqualTo(System.nanoTime());
        }

        @Test
        void resultsAreInDatasetOrderWhateverTheArrivalOrder() {
            UpdateIntake intake = intake();
            SettableFuture<TrainResponse> c = SettableFuture.create();
            SettableFuture<TrainResponse> a = SettableFuture.create();
            SettableFuture<TrainResponse> b = SettableFuture.create();
            intake.expect("center-c", cipher, c);
            intake.expect("center-a", cipher, a);
            intake.expect("center-b", cipher, b);
            c.set(sealed("center-c", logistic, 3, ROUND));
            b.set(sealed("center-b", logistic, 2, ROUND));
            a.set(sealed("center-a", logistic, 1, ROUND));

            RoundUpdates updates = intake.await();
            assertThat(updates.participants())
                    .extracting(UpdateCommitment::datasetId)
                    .containsExactly("center-a", "center-b", "center-c");
            assertThat(updates.participants().get(0).commitment())
                    .isEqualTo(ModelCodec.sha256Hex(ModelCodec.toProto(logistic).toByteArray()));
        }
    }

    @Nested
    class Rejection {
        @Test
        void aTamperedUpdateIsRejectedAndTheOthersStillCount() {
            UpdateIntake intake = intake();
            SettableFuture<TrainResponse> good = SettableFuture.create();
            SettableFuture<TrainResponse> tampered = SettableFuture.create();
            intake.expect("center-a", cipher, good);
            intake.expect("center-b", cipher, tampered);
            good.set(sealed("center-a", logistic, 10, ROUND));
            TrainResponse response = sealed("center-b", logistic, 10, ROUND);
            byte[] ciphertext = response.getUpdate().getCiphertext().toByteArray();
            ciphertext[5] ^= 1;
            tampered.set(response.toBuilder()
                    .setUpdate(response.getUpdate().toBuilder().setCiphertext(ByteString.copyFrom(ciphertext)))
                    .build());

            RoundUpdates updates = intake.await();
            assertThat(updates.participants())
                    .extracting(UpdateCommitment::datasetId)
                    .containsExactly("center-a");
            assertThat(updates.absences()).singleElement().satisfies(a -> {
                assertThat(a.datasetId()).isEqualTo("center-b");
                assertThat(a.kind()).isEqualTo(Absence.Kind.REJECTED);
                assertThat(a.reason()).contains("authentication");
            });
        }

        @Test
        void anUpdateForAnotherRoundOrOfAnotherModelIsRejected() {
            UpdateIntake intake = intake();
            SettableFuture<TrainResponse> replayed = SettableFuture.create();
            SettableFuture<TrainResponse> otherModel = SettableFuture.create();
            intake.expect("center-a", cipher, replayed);
            intake.expect("center-b", cipher, otherModel);
            replayed.set(sealed("center-a", logistic, 10, ROUND - 1));
            otherModel.set(sealed("center-b", model, 10, ROUND));

            RoundUpdates updates = intake.await();
            assertThat(updates.accepted()).isEmpty();
            assertThat(updates.absences())
                    .extracting(Absence::datasetId, Absence::kind)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("center-a", Absence.Kind.REJECTED),
                            org.assertj.core.groups.Tuple.tuple("center-b", Absence.Kind.REJECTED));
            assertThat(updates.absences().get(0).reason()).contains("round " + (ROUND - 1));
            assertThat(updates.absences().get(1).reason()).contains("spec");
        }

        @Test
        void callFailuresBecomeStragglersRefusalsOrFailures() {
            UpdateIntake intake = intake();
            SettableFuture<TrainResponse> slow = SettableFuture.create();
            SettableFuture<TrainResponse> refused = SettableFuture.create();
            SettableFuture<TrainResponse> broken = SettableFuture.create();
            intake.expect("center-a", cipher, slow);
            intake.expect("center-b", cipher, refused);
            intake.expect("center-c", cipher, broken);
            slow.setException(Status.DEADLINE_EXCEEDED.asRuntimeException());
            refused.setException(
                    Status.PERMISSION_DENIED.withDescription("PASS_REVOKED").asRuntimeException());
            broken.setException(Status.UNAVAILABLE.asRuntimeException());

            RoundUpdates updates = intake.await();
            assertThat(updates.absences())
                    .extracting(Absence::kind)
                    .containsExactly(Absence.Kind.STRAGGLER, Absence.Kind.REFUSED, Absence.Kind.FAILED);
            assertThat(updates.absences().get(1).reason()).contains("PASS_REVOKED");
            assertThat(updates.bytesIn()).isZero();
        }
    }

    private TrainResponse sealed(String datasetId, ModelWeights weights, long samples, int round) {
        SealedBox box =
                cipher.seal(ModelCodec.toProto(weights).toByteArray(), UpdateCipher.binding(JOB, round, datasetId));
        return TrainResponse.newBuilder()
                .setJobId(JOB)
                .setRound(round)
                .setDatasetId(datasetId)
                .setUpdate(SealedUpdate.newBuilder()
                        .setNonce(ByteString.copyFrom(box.nonce()))
                        .setCiphertext(ByteString.copyFrom(box.ciphertext())))
                .setSampleCount(samples)
                .setLocalMetrics(Metrics.newBuilder().putValues("loss", 0.5).putValues("train_seconds", 0.1))
                .build();
    }

    private byte[] key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }
}
