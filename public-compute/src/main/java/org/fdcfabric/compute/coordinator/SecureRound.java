package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.StatusRuntimeException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationConfig;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationOutcome;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationRound;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationSummary;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.federation.AdvertiseKeysRequest;
import org.fdcfabric.protocol.federation.AdvertiseKeysResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.KeyAdvertisement;
import org.fdcfabric.protocol.federation.MaskedTrainRequest;
import org.fdcfabric.protocol.federation.MaskedTrainResponse;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.SecAggSession;
import org.fdcfabric.protocol.federation.ShareKeysRequest;
import org.fdcfabric.protocol.federation.ShareKeysResponse;
import org.fdcfabric.protocol.federation.UnmaskRequest;
import org.fdcfabric.protocol.federation.UnmaskResponse;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.SecureRoundSummary;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.job.UsageSignatureWire;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.DecodedSum;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.SecAggWire;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a secure job (Bonawitz et al. 2017, see docs/secure-aggregation.md), driven over the centers'
 * Federation service: advertise keys, share keys, masked training, unmasking, each a fan-out of calls with the
 * round's deadline. {@link SecureAggregationRound} checks every message and sums the masked inputs as they arrive,
 * so no single center's update is ever in the coordinator's hands. Centers that miss a step are absences; the
 * round survives down to the threshold t, and below it ends FAILED with the previous model kept.
 *
 * <p>Each center masks sample_count x (local model - global model); the unmasked sum divided by the total sample
 * count is FedAvg's step, so the next model is the global model plus that mean.
 */
final class SecureRound {
    private static final Logger LOG = LoggerFactory.getLogger(SecureRound.class);
    /** A failure of the round beyond the protocol's own: the clear sample counts disagree with the masked total. */
    static final String SAMPLE_COUNTS_DISAGREE = "SAMPLE_COUNTS_DISAGREE";
    /** The masks cancelled, but fewer centers survived than the job's quorum. */
    static final String BELOW_QUORUM = "BELOW_QUORUM";

    private final JobAssignment job;
    private final int round;
    private final ModelWeights global;
    private final Map<String, ConnectedCenter> centers;
    private final Function<String, Hyperparameters> hyperparameters;
    private final Duration deadline;
    private final SessionId session;
    private final int threshold;
    private final SecureAggregationRound state;

    private final Map<String, Absence> absences = new TreeMap<>();
    private final List<UpdateCommitment> participants = new ArrayList<>();
    private double lossSum;
    private double slowestTraining;
    private double slowestMasking;
    private long bytesOut;
    private long bytesIn;
    private long waitingNanos;

    /**
     * @param sampled the centers this round samples (sorted)
     * @param hyperparameters each center's local training settings for this round
     */
    SecureRound(
            JobAssignment job,
            int round,
            ModelWeights global,
            List<String> sampled,
            Map<String, ConnectedCenter> connected,
            Function<String, Hyperparameters> hyperparameters) {
        this.job = job;
        this.round = round;
        this.global = global;
        this.hyperparameters = hyperparameters;
        this.centers = new TreeMap<>();
        Map<String, PublicKey> directory = new TreeMap<>();
        for (String datasetId : sampled) {
            ConnectedCenter center = connected.get(datasetId);
            centers.put(datasetId, center);
            directory.put(datasetId, center.organisationKey());
        }
        TrainingPlan plan = job.plan();
        this.deadline = plan.roundDeadline();
        this.session = new SessionId(job.jobId(), round);
        this.threshold = plan.aggregation().thresholdFor(sampled.size());
        this.state = new SecureAggregationRound(
                session, new SecureAggregationConfig(threshold, global.size(), FixedPointCodec.DEFAULT), directory);
    }

    /**
     * Refuses, before any round, a secure job whose rounds could never run: t must be at least 2, at most the
     * centers sampled per round, and more than half of them.
     */
    static void checkPlan(JobAssignment job, int sampledPerRound) {
        int t = job.plan().aggregation().thresholdFor(sampledPerRound);
        if (t < 2 || t > sampledPerRound || sampledPerRound >= 2 * t) {
            throw new IllegalStateException("SECURE_THRESHOLD_UNUSABLE: job " + job.jobId() + " samples "
                    + sampledPerRound + " centers per round; secure aggregation needs a threshold t with 2 <= t <= "
                    + sampledPerRound + " < 2t, and the plan gives t = " + t);
        }
    }

    RoundIntake run() {
        Optional<List<AdvertiseKeys>> roster = advertise();
        Optional<Map<String, List<EncryptedShares>>> deliveries = roster.flatMap(this::shareKeys);
        Optional<UnmaskingRequest> unmasking = deliveries.flatMap(this::maskedTrain);
        unmasking.ifPresent(this::unmask);
        SecureAggregationOutcome outcome = unmasking.isPresent()
                ? state.finish()
                : state.outcome().orElseThrow(() -> new IllegalStateException("a failed step left no outcome"));
        Optional<ModelWeights> aggregate = outcome.aggregate().flatMap(this::nextModel);
        SecureAggregationSummary summary = outcome.summary();
        String failure = summary.failure();
        if (outcome.completed() && aggregate.isEmpty()) {
            failure = SAMPLE_COUNTS_DISAGREE;
        } else if (outcome.completed() && participants.size() < job.plan().minQuorum()) {
            failure = BELOW_QUORUM;
        }
        if (failure != null) {
            LOG.warn("job {} round {}: secure aggregation failed: {}", job.jobId(), round, outcome.detail());
            // Survivors' inputs did not count: they are not paid for a round that produced nothing.
            participants.clear();
        }
        RoundAggregation aggregation = new RoundAggregation(
                RoundAggregation.SECURE,
                "fedavg",
                Map.of(),
                failure == null ? RoundAggregation.COMPLETED : RoundAggregation.FAILED,
                new SecureRoundSummary(
                        summary.threshold(),
                        summary.advertised(),
                        summary.survivors(),
                        summary.dropped(),
                        summary.responders(),
                        summary.wrongShareHolders(),
                        failure),
                List.of());
        return new RoundIntake(
                failure == null ? aggregate : Optional.empty(),
                participants.stream()
                        .sorted(java.util.Comparator.comparing(UpdateCommitment::datasetId))
                        .toList(),
                List.copyOf(absences.values()),
                aggregation,
                lossSum,
                slowestTraining,
                bytesOut,
                bytesIn,
                waitingNanos,
                slowestMasking);
    }

    private Optional<List<AdvertiseKeys>> advertise() {
        Map<String, ListenableFuture<AdvertiseKeysResponse>> pending = new LinkedHashMap<>();
        for (String datasetId : centers.keySet()) {
            AdvertiseKeysRequest request = AdvertiseKeysRequest.newBuilder()
                    .setSession(session(datasetId))
                    .build();
            bytesOut += request.getSerializedSize();
            pending.put(datasetId, stub(datasetId).advertiseKeys(request));
        }
        for (Map.Entry<String, Object> answer : await(pending).entrySet()) {
            String datasetId = answer.getKey();
            if (answer.getValue() instanceof AdvertiseKeysResponse response) {
                bytesIn += response.getSerializedSize();
                accept(datasetId, "advertise keys", () -> {
                    AdvertiseKeys ad = SecAggWire.fromProto(session, response.getAdvertisement());
                    requireSender(datasetId, ad.centerId());
                    state.accept(ad);
                });
            } else {
                missed(datasetId, "advertise keys", answer.getValue());
            }
        }
        return state.closeAdvertising();
    }

    private Optional<Map<String, List<EncryptedShares>>> shareKeys(List<AdvertiseKeys> roster) {
        List<KeyAdvertisement> wire = roster.stream().map(SecAggWire::toProto).toList();
        Map<String, ListenableFuture<ShareKeysResponse>> pending = new LinkedHashMap<>();
        for (AdvertiseKeys ad : roster) {
            ShareKeysRequest request = ShareKeysRequest.newBuilder()
                    .setSession(session(ad.centerId()))
                    .addAllRoster(wire)
                    .build();
            bytesOut += request.getSerializedSize();
            pending.put(ad.centerId(), stub(ad.centerId()).shareKeys(request));
        }
        for (Map.Entry<String, Object> answer : await(pending).entrySet()) {
            String datasetId = answer.getKey();
            if (answer.getValue() instanceof ShareKeysResponse response) {
                bytesIn += response.getSerializedSize();
                accept(datasetId, "share keys", () -> state.accept(SecAggWire.fromProto(session, datasetId, response)));
            } else {
                missed(datasetId, "share keys", answer.getValue());
            }
        }
        return state.closeSharing();
    }

    private Optional<UnmaskingRequest> maskedTrain(Map<String, List<EncryptedShares>> deliveries) {
        Model model = ModelCodec.toProto(global);
        Map<String, ListenableFuture<MaskedTrainResponse>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, List<EncryptedShares>> delivery : deliveries.entrySet()) {
            String datasetId = delivery.getKey();
            MaskedTrainRequest.Builder request = MaskedTrainRequest.newBuilder()
                    .setSession(session(datasetId))
                    .setGlobalModel(model)
                    .setHyperparameters(hyperparameters.apply(datasetId));
            delivery.getValue().forEach(s -> request.addShares(SecAggWire.toProto(s)));
            MaskedTrainRequest built = request.build();
            bytesOut += built.getSerializedSize();
            pending.put(datasetId, stub(datasetId).maskedTrain(built));
        }
        for (Map.Entry<String, Object> answer : await(pending).entrySet()) {
            String datasetId = answer.getKey();
            if (answer.getValue() instanceof MaskedTrainResponse response) {
                bytesIn += response.getSerializedSize();
                accept(datasetId, "masked input", () -> acceptMasked(datasetId, response));
            } else {
                missed(datasetId, "masked input", answer.getValue());
            }
        }
        return state.closeMasking();
    }

    private void acceptMasked(String datasetId, MaskedTrainResponse response) {
        if (response.getSampleCount() < 1) {
            throw new InvalidInputException(
                    "SECAGG_INVALID_MESSAGE", "masked input claims " + response.getSampleCount() + " samples");
        }
        long[] values = new long[response.getMaskedCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = response.getMasked(i);
        }
        MaskedInput masked = new MaskedInput(session, datasetId, values);
        state.accept(masked);
        participants.add(new UpdateCommitment(
                datasetId,
                response.getSampleCount(),
                masked.commitment(),
                UsageSignatureWire.fromProto(response.getUsage())));
        lossSum += response.getLocalMetrics().getValuesOrDefault("loss", 0) * response.getSampleCount();
        slowestTraining = Math.max(slowestTraining, response.getLocalMetrics().getValuesOrDefault("train_seconds", 0));
        slowestMasking = Math.max(slowestMasking, response.getLocalMetrics().getValuesOrDefault("mask_seconds", 0));
    }

    private void unmask(UnmaskingRequest request) {
        Map<String, ListenableFuture<UnmaskResponse>> pending = new LinkedHashMap<>();
        for (String survivor : request.survivors()) {
            UnmaskRequest wire = UnmaskRequest.newBuilder()
                    .setSession(session(survivor))
                    .addAllSurvivors(request.survivors())
                    .addAllDropped(request.dropped())
                    .build();
            bytesOut += wire.getSerializedSize();
            pending.put(survivor, stub(survivor).unmask(wire));
        }
        for (Map.Entry<String, Object> answer : await(pending).entrySet()) {
            String holder = answer.getKey();
            if (answer.getValue() instanceof UnmaskResponse response) {
                bytesIn += response.getSerializedSize();
                try {
                    state.accept(SecAggWire.fromProto(session, holder, response));
                } catch (InvalidInputException e) {
                    // A survivor's input counts whatever its shares say; wrong shares are named at reconstruction.
                    LOG.warn(
                            "job {} round {}: refused the shares of {}: {}",
                            job.jobId(),
                            round,
                            holder,
                            e.getMessage());
                }
            } else if (answer.getValue() instanceof StatusRuntimeException e) {
                // Its input already counts; only its shares are missing, which the threshold tolerates.
                LOG.warn("job {} round {}: {} did not reveal shares: {}", job.jobId(), round, holder, e.getStatus());
            }
        }
    }

    /** FedAvg's next model from the unmasked mean step, if the clear sample counts add up to the masked total. */
    private Optional<ModelWeights> nextModel(DecodedSum sum) {
        long reported =
                participants.stream().mapToLong(UpdateCommitment::samples).sum();
        if (reported != sum.totalSamples()) {
            LOG.warn(
                    "job {} round {}: centers reported {} samples in the clear but masked {}",
                    job.jobId(),
                    round,
                    reported,
                    sum.totalSamples());
            return Optional.empty();
        }
        float[] next = global.values();
        float[] step = sum.mean();
        for (int i = 0; i < next.length; i++) {
            next[i] += step[i];
        }
        return Optional.of(ModelWeights.of(global.spec(), global.schemaHash(), next));
    }

    private void accept(String datasetId, String step, Runnable check) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            absences.put(
                    datasetId,
                    new Absence(
                            datasetId, Absence.Kind.REJECTED, "secure aggregation, " + step + ": " + e.getMessage()));
            LOG.warn(
                    "job {} round {}: refused {} message of {}: {}",
                    job.jobId(),
                    round,
                    step,
                    datasetId,
                    e.getMessage());
        }
    }

    private void missed(String datasetId, String step, Object error) {
        StatusRuntimeException e = (StatusRuntimeException) error;
        absences.put(datasetId, CenterCalls.absence(datasetId, e.getStatus(), "secure aggregation, " + step + ": "));
    }

    private <T> Map<String, Object> await(Map<String, ListenableFuture<T>> pending) {
        long start = System.nanoTime();
        Map<String, Object> answers = CenterCalls.await(pending);
        waitingNanos += System.nanoTime() - start;
        return answers;
    }

    private static void requireSender(String datasetId, String centerId) {
        if (!datasetId.equals(centerId)) {
            throw new InvalidInputException(
                    "SECAGG_UNKNOWN_CENTER", "the center of " + datasetId + " advertised as " + centerId);
        }
    }

    private FederationGrpc.FederationFutureStub stub(String datasetId) {
        return centers.get(datasetId).stub().withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    private SecAggSession session(String datasetId) {
        return SecAggSession.newBuilder()
                .setJobId(job.jobId())
                .setRound(round)
                .setDatasetId(datasetId)
                .setPurpose(job.purpose())
                .setThreshold(threshold)
                .build();
    }
}
