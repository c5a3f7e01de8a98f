package org.fdcfabric.datacenter.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fdcfabric.datacenter.masking.MaskingPeers;
import org.fdcfabric.datacenter.testing.TestPki;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingOutcome;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A granted Train is recorded on chain while the center trains, not after: the record's round trip is off the
 * round's critical path, and the update still leaves only once the use is recorded.
 */
class UsageRecordOverlapTest {
    private static final String JOB = "job-1";
    private static final String DATASET = "school-a";
    private static final String PURPOSE = "activity-recognition";
    private static final long PATIENCE_SECONDS = 60;

    private final TestPki pki = new TestPki();
    private final InMemoryPassLedger ledger = new InMemoryPassLedger(Clock.systemUTC());
    private final ExecutorService reports = Executors.newSingleThreadExecutor();
    private final CountDownLatch recordStarted = new CountDownLatch(1);
    private final CountDownLatch trainingDone = new CountDownLatch(1);
    private final CountDownLatch recordMayFinish = new CountDownLatch(1);
    private final AtomicBoolean trainedWhileRecording = new AtomicBoolean();

    @AfterEach
    void stop() {
        reports.shutdownNow();
    }

    /** The chain: passes from the in-memory ledger; a granted use's record waits until it is let go. */
    private final PassCheck slowChain = new PassCheck() {
        @Override
        public PassClearance verifyPass(String jobId, String datasetId, String purpose) {
            return ledger.verifyPass(jobId, datasetId, purpose);
        }

        @Override
        public void recordUsage(DatasetUse report) {
            recordStarted.countDown();
            try {
                recordMayFinish.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ledger.recordUsage(report);
        }
    };

    @Test
    void theUseIsRecordedWhileTheCenterTrainsAndTheUpdateWaitsForTheRecord() throws Exception {
        TestPki.Member center = pki.member(pki.organization("SchoolAMSP"), "datacenter.school-a");
        TestPki.Member coordinator = pki.member(pki.organization("ComputeMSP"), "coordinator");
        FederationService service = new FederationService(
                "school-a",
                new KeyPair(center.certificate().getPublicKey(), center.privateKey()),
                List.of(new CenterDataset(
                        DATASET, GaussianBlobs.classification(300, 1, 0.7), GaussianBlobs.classification(100, 2, 0.7))),
                slowChain,
                family -> (global, data, config) -> {
                    // training starts while the record is in flight (recorded first, this would wait in vain)
                    try {
                        trainedWhileRecording.set(recordStarted.await(PATIENCE_SECONDS, TimeUnit.SECONDS)
                                && recordMayFinish.getCount() == 1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    TrainingOutcome outcome = Trainers.forFamily(family).train(global, data, config);
                    trainingDone.countDown();
                    return outcome;
                },
                new SecureRandom(),
                UsageSigner.of(center.privateKey(), center.certificate()),
                MaskingPeers.NONE,
                reports);
        ledger.grant(JOB, DATASET, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
        ModelWeights global =
                new ModelInitializer().initial(ModelArchitecture.logistic(6, 4), GaussianBlobs.SCHEMA.hash(), 1);
        TrainRequest request = TrainRequest.newBuilder()
                .setJobId(JOB)
                .setRound(1)
                .setDatasetId(DATASET)
                .setPurpose(PURPOSE)
                .setGlobalModel(ModelCodec.toProto(global))
                .setHyperparameters(Hyperparameters.newBuilder()
                        .setLocalEpochs(1)
                        .setLearningRate(0.1)
                        .setBatchSize(16)
                        .setSeed(5))
                .build();
        CompletableFuture<TrainResponse> answer = new CompletableFuture<>();
        Caller caller = new Caller("ComputeMSP", coordinator.certificate().getPublicKey());
        Thread call = new Thread(() -> Context.current()
                .withValue(CallerInterceptor.CALLER, caller)
                .run(() -> service.train(request, observer(answer))));
        call.start();

        assertThat(trainingDone.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        // trained, sealed and signed, but the use is not on chain yet: nothing leaves
        call.join(TimeUnit.SECONDS.toMillis(1));
        assertThat(answer).isNotDone();
        assertThat(ledger.usage()).isEmpty();

        recordMayFinish.countDown();
        TrainResponse response = answer.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(response.getSampleCount()).isEqualTo(300);
        assertThat(trainedWhileRecording).isTrue();
        assertThat(ledger.usage()).singleElement().satisfies(use -> {
            assertThat(use.granted()).isTrue();
            assertThat(use.operation()).isEqualTo("train");
            assertThat(use.samples()).isEqualTo(300);
        });
    }

    private static StreamObserver<TrainResponse> observer(CompletableFuture<TrainResponse> answer) {
        return new StreamObserver<>() {
            @Override
            public void onNext(TrainResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        };
    }
}
