package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationConfig;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationOutcome;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationRound;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationSummary;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.JobPreprocessing;
import org.fdcfabric.protocol.federation.MaskedTrainRequest;
import org.fdcfabric.protocol.federation.MaskedTrainResponse;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.SealedShares;
import org.fdcfabric.protocol.federation.SecAggSession;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.SecureRoundSummary;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.job.UsageSignatureWire;
import org.fdcfabric.protocol.secagg.DecodedSum;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a secure job (Bonawitz et al. 2017, see docs/secure-aggregation.md), driven over the centers'
 * Federation service ({@link SecAggExchange}): advertise keys, share keys, masked training, unmasking, each a
 * fan-out of calls with the round's deadline. {@link SecureAggregationRound} checks every message and sums the masked inputs as they arrive,
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
    private final Function<String, Hyperparameters> hyperparameters;
    private final JobPreprocessing preprocessing;
    private final SecAggExchange exchange;

    private final List<UpdateCommitment> participants = new ArrayList<>();
    private double lossSum;
    private double slowestTraining;
    private double slowestMasking;

    /**
     * @param sampled the centers this round samples (sorted)
     * @param hyperparameters each center's local training settings for this round
     * @param preprocessing the job's preprocessing, sent with every masked training request
     */
    SecureRound(
            JobAssignment job,
            int round,
            ModelWeights global,
            List<String> sampled,
            Map<String, ConnectedCenter> connected,
            Function<String, Hyperparameters> hyperparameters,
            JobPreprocessing preprocessing) {
        this.preprocessing = preprocessing;
        this.job = job;
        this.round = round;
        this.global = global;
        this.hyperparameters = hyperparameters;
        int threshold = job.plan().aggregation().thresholdFor(sampled.size());
        this.exchange = new SecAggExchange(
                job,
                round,
                sampled,
                connected,
                new SecureAggregationConfig(threshold, global.size(), FixedPointCodec.DEFAULT));
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
        SecureAggregationRound state = exchange.state();
        SecureAggregationOutcome outcome = exchange.run(new TrainingStep()).isPresent()
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
                List.copyOf(exchange.absences().values()),
                aggregation,
                lossSum,
                slowestTraining,
                exchange.bytesOut(),
                exchange.bytesIn(),
                exchange.waitingNanos(),
                slowestMasking);
    }

    /** Masked training: each center trains as for Train and masks n_u x (local - global). */
    private final class TrainingStep implements SecAggExchange.MaskedStep<MaskedTrainRequest, MaskedTrainResponse> {
        private final Model model = ModelCodec.toProto(global);

        @Override
        public MaskedTrainRequest request(String datasetId, SecAggSession session, List<SealedShares> shares) {
            return MaskedTrainRequest.newBuilder()
                    .setSession(session)
                    .setGlobalModel(model)
                    .setHyperparameters(hyperparameters.apply(datasetId))
                    .setPreprocessing(preprocessing)
                    .addAllShares(shares)
                    .build();
        }

        @Override
        public ListenableFuture<MaskedTrainResponse> call(
                FederationGrpc.FederationFutureStub stub, MaskedTrainRequest request) {
            return stub.maskedTrain(request);
        }

        @Override
        public void accept(String datasetId, MaskedTrainResponse response, SecureAggregationRound state) {
            if (response.getSampleCount() < 1) {
                throw new InvalidInputException(
                        "SECAGG_INVALID_MESSAGE", "masked input claims " + response.getSampleCount() + " samples");
            }
            MaskedInput masked = new MaskedInput(
                    exchange.session(), datasetId, words(response.getMaskedCount(), response::getMasked));
            state.accept(masked);
            participants.add(new UpdateCommitment(
                    datasetId,
                    response.getSampleCount(),
                    masked.commitment(),
                    UsageSignatureWire.fromProto(response.getUsage())));
            lossSum += response.getLocalMetrics().getValuesOrDefault("loss", 0) * response.getSampleCount();
            slowestTraining =
                    Math.max(slowestTraining, response.getLocalMetrics().getValuesOrDefault("train_seconds", 0));
            slowestMasking = Math.max(slowestMasking, response.getLocalMetrics().getValuesOrDefault("mask_seconds", 0));
        }
    }

    /** The words of a masked vector as the wire carries them. */
    static long[] words(int count, java.util.function.IntToLongFunction word) {
        long[] values = new long[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = word.applyAsLong(i);
        }
        return values;
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
}
