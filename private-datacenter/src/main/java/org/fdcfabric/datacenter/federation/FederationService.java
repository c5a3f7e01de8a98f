package org.fdcfabric.datacenter.federation;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.fdcfabric.datacenter.masking.MaskingParticipant;
import org.fdcfabric.datacenter.masking.MaskingPeers;
import org.fdcfabric.datacenter.masking.MaskingSessions;
import org.fdcfabric.learning.crypto.JobKeyAgreement;
import org.fdcfabric.learning.crypto.SealedBox;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.learning.tabular.ColumnStatistics;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.Evaluation;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.LocalTrainer;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.TrainingConfig;
import org.fdcfabric.learning.training.TrainingOutcome;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.federation.AdvertiseKeysRequest;
import org.fdcfabric.protocol.federation.AdvertiseKeysResponse;
import org.fdcfabric.protocol.federation.DatasetDescription;
import org.fdcfabric.protocol.federation.DescribeRequest;
import org.fdcfabric.protocol.federation.DescribeResponse;
import org.fdcfabric.protocol.federation.EvaluateRequest;
import org.fdcfabric.protocol.federation.EvaluateResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.JobPreprocessing;
import org.fdcfabric.protocol.federation.KeyAdvertisement;
import org.fdcfabric.protocol.federation.MaskedStatisticsRequest;
import org.fdcfabric.protocol.federation.MaskedStatisticsResponse;
import org.fdcfabric.protocol.federation.MaskedTrainRequest;
import org.fdcfabric.protocol.federation.MaskedTrainResponse;
import org.fdcfabric.protocol.federation.Metrics;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.SealedUpdate;
import org.fdcfabric.protocol.federation.SecAggSession;
import org.fdcfabric.protocol.federation.ShareKeysRequest;
import org.fdcfabric.protocol.federation.ShareKeysResponse;
import org.fdcfabric.protocol.federation.StatisticsRequest;
import org.fdcfabric.protocol.federation.StatisticsResponse;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.fdcfabric.protocol.federation.UnmaskRequest;
import org.fdcfabric.protocol.federation.UnmaskResponse;
import org.fdcfabric.protocol.job.RoundUsage;
import org.fdcfabric.protocol.job.UsageSignature;
import org.fdcfabric.protocol.job.UsageSignatureWire;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.SecAggCodes;
import org.fdcfabric.protocol.secagg.SecAggWire;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.ShareKeys;
import org.fdcfabric.protocol.secagg.StatisticsCodec;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;
import org.fdcfabric.protocol.secagg.UnmaskingResponse;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private data center's Federation service. Before any Train or Evaluate it checks that the caller's
 * certificate belongs to the job's compute organisation and that this center's pass for the job is valid on
 * chain; a refusal is {@code PERMISSION_DENIED} and is reported on chain. Updates leave sealed under the per-job
 * key agreed with the caller's certified key ({@code agreementKeys} are the center's organisation key pair, the one
 * its certificate certifies), with the center's signature over the round's usage ({@link UsageSigner}), without
 * which the chain records no contribution. Raw records never leave: only model tensors and aggregate metrics.
 */
public final class FederationService extends FederationGrpc.FederationImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(FederationService.class);
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    private static final int MAX_ROUND = 1_000_000;
    private static final int MAX_THRESHOLD = 64;
    /** Refusals that are about this center's state or its own update, not about the caller's message. */
    private static final java.util.Set<String> CENTER_STATE_CODES = java.util.Set.of(
            SecAggCodes.WRONG_PHASE,
            SecAggCodes.SESSION_REUSED,
            SecAggCodes.UPDATE_OUT_OF_BOUNDS,
            SecAggCodes.STATISTIC_OUT_OF_BOUNDS);
    /** The round number of a secure job's statistics session (training rounds start at 1). */
    private static final int STATISTICS_ROUND = 0;

    private final String centerName;
    private final KeyPair agreementKeys;
    private final Map<String, CenterDataset> datasets;
    private final PassCheck passCheck;
    private final Function<ModelFamily, LocalTrainer> trainers;
    private final SecureRandom random;
    private final MaskingSessions masking;
    private final UsageSigner usageSigner;
    private final Executor usageReports;
    /** Each dataset's column statistics, computed once: the rows never change while the service runs. */
    private final Map<String, ColumnStatistics> statistics = new TreeMap<>();
    /** (job, dataset) -> the preprocessing hash applied there; a job cannot switch preprocessing midway. */
    private final Map<String, String> jobPreprocessing = bounded(4096);
    /** (dataset, preprocessing hash) -> its transformed splits, reused across a job's rounds. */
    private final Map<String, JobData> prepared = bounded(8);

    /** A center without secure aggregation. */
    public FederationService(
            String centerName,
            KeyPair agreementKeys,
            List<CenterDataset> datasets,
            PassCheck passCheck,
            Function<ModelFamily, LocalTrainer> trainers,
            SecureRandom random,
            UsageSigner usageSigner) {
        this(
                centerName,
                agreementKeys,
                datasets,
                passCheck,
                trainers,
                random,
                usageSigner,
                MaskingPeers.NONE,
                Runnable::run);
    }

    /**
     * @param usageSigner signs the center's word for each round it trains in (a center key registered on chain)
     * @param peers the organisation keys of the centers this one may mask with (secure aggregation); {@link
     *     MaskingPeers#NONE} refuses secure aggregation
     * @param usageReports runs the {@code audit:RecordUsage} of a granted Train or Evaluate while the center
     *     trains or scores; the answer still leaves only once the use is recorded (or its recording failed and was
     *     logged). {@code Runnable::run} records before training, on the call's thread.
     */
    public FederationService(
            String centerName,
            KeyPair agreementKeys,
            List<CenterDataset> datasets,
            PassCheck passCheck,
            Function<ModelFamily, LocalTrainer> trainers,
            SecureRandom random,
            UsageSigner usageSigner,
            MaskingPeers peers,
            Executor usageReports) {
        this.usageSigner = java.util.Objects.requireNonNull(usageSigner, "usageSigner");
        this.usageReports = java.util.Objects.requireNonNull(usageReports, "usageReports");
        this.masking = new MaskingSessions(agreementKeys.getPrivate(), peers, random);
        this.centerName = centerName;
        this.agreementKeys = agreementKeys;
        this.datasets = new TreeMap<>();
        for (CenterDataset dataset : datasets) {
            if (this.datasets.put(dataset.datasetId(), dataset) != null) {
                throw new IllegalArgumentException("dataset " + dataset.datasetId() + " is offered twice");
            }
        }
        this.passCheck = passCheck;
        this.trainers = trainers;
        this.random = random;
    }

    @Override
    public void describe(DescribeRequest request, StreamObserver<DescribeResponse> response) {
        DescribeResponse.Builder out = DescribeResponse.newBuilder().setCenterName(centerName);
        for (CenterDataset dataset : datasets.values()) {
            UclSchema schema = dataset.train().schema();
            out.addDatasets(DatasetDescription.newBuilder()
                    .setDatasetId(dataset.datasetId())
                    .setSchemaHash(schema.hash())
                    .addAllFeatureNames(
                            schema.features().stream().map(FeatureSpec::name).toList())
                    .setLabelName(schema.label().name())
                    .addAllClasses(schema.label().classes())
                    .setTask(schema.task().name().toLowerCase(java.util.Locale.ROOT))
                    .setTrainSamples(dataset.train().size())
                    .setTestSamples(dataset.test().size()));
        }
        response.onNext(out.build());
        response.onCompleted();
    }

    @Override
    public void train(TrainRequest request, StreamObserver<TrainResponse> response) {
        answer(response, () -> {
            CenterDataset dataset = validate(request.getJobId(), request.getRound(), request.getDatasetId());
            Caller caller = authorize(request.getJobId(), dataset, request.getRound(), request.getPurpose(), "train");
            refuseSecureJob(request.getJobId());
            JobData data = jobData(request.getJobId(), dataset, request.hasPreprocessing(), request.getPreprocessing());
            ModelWeights global = decode(request.getGlobalModel(), data, request.hasGlobalModel());
            TrainingConfig config = config(request.getHyperparameters());
            checkNotCancelled();
            CompletableFuture<Void> reported = reportUse(
                    request.getJobId(),
                    dataset,
                    request.getRound(),
                    "train",
                    caller.mspId(),
                    dataset.train().size());
            long trainingStart = System.nanoTime();
            TrainingOutcome outcome = train(global, data, config);
            double trainingSeconds = (System.nanoTime() - trainingStart) / 1e9;
            checkNotCancelled();
            byte[] update = ModelCodec.toProto(outcome.weights()).toByteArray();
            UsageSignature usage = usageSigner.sign(new RoundUsage(
                    request.getJobId(),
                    request.getRound(),
                    dataset.datasetId(),
                    dataset.train().size(),
                    ModelCodec.sha256Hex(update),
                    ModelCodec.sha256Hex(request.getGlobalModel().toByteArray())));
            byte[] key = JobKeyAgreement.deriveJobKey(
                    agreementKeys.getPrivate(), agreementKeys.getPublic(), caller.publicKey(), request.getJobId());
            SealedBox box = new UpdateCipher(key, random)
                    .seal(update, UpdateCipher.binding(request.getJobId(), request.getRound(), dataset.datasetId()));
            reported.join();
            return TrainResponse.newBuilder()
                    .setJobId(request.getJobId())
                    .setRound(request.getRound())
                    .setDatasetId(dataset.datasetId())
                    .setUpdate(SealedUpdate.newBuilder()
                            .setNonce(com.google.protobuf.ByteString.copyFrom(box.nonce()))
                            .setCiphertext(com.google.protobuf.ByteString.copyFrom(box.ciphertext())))
                    .setSampleCount(dataset.train().size())
                    .setLocalMetrics(Metrics.newBuilder()
                            .putValues("loss", outcome.trainingLoss())
                            .putValues("train_seconds", trainingSeconds))
                    .setUsage(UsageSignatureWire.toProto(usage))
                    .build();
        });
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> response) {
        answer(response, () -> {
            CenterDataset dataset = validate(request.getJobId(), request.getRound(), request.getDatasetId());
            Caller caller =
                    authorize(request.getJobId(), dataset, request.getRound(), request.getPurpose(), "evaluate");
            JobData data = jobData(request.getJobId(), dataset, request.hasPreprocessing(), request.getPreprocessing());
            ModelWeights model = decode(request.getModel(), data, request.hasModel());
            checkNotCancelled();
            CompletableFuture<Void> reported = reportUse(
                    request.getJobId(),
                    dataset,
                    request.getRound(),
                    "evaluate",
                    caller.mspId(),
                    dataset.test().size());
            Evaluation evaluation = new Evaluator().evaluate(model, data.test());
            reported.join();
            EvaluateResponse.Builder out = EvaluateResponse.newBuilder()
                    .setSampleCount(evaluation.samples())
                    .setMetrics(Metrics.newBuilder().putAllValues(evaluation.metrics()));
            for (long[] row : evaluation.confusion()) {
                for (long count : row) {
                    out.addConfusion(count);
                }
            }
            return out.build();
        });
    }

    /**
     * The additive statistics of the training split (no row leaves), for the job's preprocessing. Checked and
     * reported on chain as Train is, as round 0. Refused for a job this center has taken part in secure aggregation
     * for: its statistics leave masked only ({@link #maskedStatistics}).
     */
    @Override
    public void statistics(StatisticsRequest request, StreamObserver<StatisticsResponse> response) {
        answer(response, () -> {
            CenterDataset dataset = dataset(request.getJobId(), request.getDatasetId());
            Caller caller =
                    authorize(request.getJobId(), dataset, STATISTICS_ROUND, request.getPurpose(), "statistics");
            refuseSecureJob(request.getJobId());
            checkNotCancelled();
            ColumnStatistics statistics = statistics(dataset);
            report(
                    request.getJobId(),
                    dataset,
                    0,
                    "statistics",
                    caller.mspId(),
                    true,
                    "",
                    dataset.train().size());
            StatisticsResponse.Builder out = StatisticsResponse.newBuilder()
                    .setSchemaHash(statistics.schema().hash());
            for (double value : statistics.toVector()) {
                out.addValues(value);
            }
            return out.build();
        });
    }

    private void refuseSecureJob(String jobId) {
        if (masking.isSecureJob(jobId)) {
            throw Status.FAILED_PRECONDITION
                    .withDescription("SECURE_JOB: job " + jobId
                            + " uses secure aggregation here; this center's updates and statistics leave masked only")
                    .asRuntimeException();
        }
    }

    private ColumnStatistics statistics(CenterDataset dataset) {
        synchronized (statistics) {
            return statistics.computeIfAbsent(dataset.datasetId(), id -> ColumnStatistics.of(dataset.train()));
        }
    }

    /** A job's model inputs at this center: its preprocessing applied to the dataset's splits. */
    private record JobData(Preprocessing preprocessing, LocalDataset train, LocalDataset test) {}

    /**
     * The job's preprocessing as the request carries it, checked against its hash, this dataset's schema and what
     * this center applied earlier in the job; then the splits transformed by it (kept for the job's next rounds).
     * A request without preprocessing trains on the columns as they are, which only a schema of numeric columns
     * that refuse missing values allows.
     */
    private JobData jobData(String jobId, CenterDataset dataset, boolean present, JobPreprocessing wire) {
        UclSchema schema = dataset.train().schema();
        Preprocessing preprocessing;
        try {
            if (!present) {
                preprocessing = Preprocessing.asIs(schema);
            } else {
                if (!ModelCodec.sha256Hex(wire.getTransform().getBytes(StandardCharsets.UTF_8))
                        .equals(wire.getHash())) {
                    throw invalid("PREPROCESSING_MISMATCH: the preprocessing does not hash to the hash it names");
                }
                preprocessing = Preprocessing.of(InputTransform.read(wire.getTransform()));
            }
        } catch (InvalidInputException e) {
            throw invalid(e.code() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw invalid("PREPROCESSING_MISSING: " + e.getMessage());
        }
        if (!preprocessing.transform().schema().equals(schema)) {
            throw invalid("PREPROCESSING_MISMATCH: the preprocessing is for schema "
                    + preprocessing.transform().schema().hash() + "; dataset " + dataset.datasetId() + " has "
                    + schema.hash());
        }
        synchronized (prepared) {
            String pinned = jobPreprocessing.putIfAbsent(jobId + "\n" + dataset.datasetId(), preprocessing.hash());
            if (pinned != null && !pinned.equals(preprocessing.hash())) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("PREPROCESSING_MISMATCH: job " + jobId + " used preprocessing " + pinned
                                + " on " + dataset.datasetId() + "; this request carries " + preprocessing.hash())
                        .asRuntimeException();
            }
            JobData data = prepared.get(dataset.datasetId() + "\n" + preprocessing.hash());
            if (data == null) {
                try {
                    data = new JobData(
                            preprocessing, preprocessing.apply(dataset.train()), preprocessing.apply(dataset.test()));
                } catch (IllegalArgumentException e) {
                    throw Status.FAILED_PRECONDITION
                            .withDescription("DATA_NOT_PREPROCESSABLE: " + dataset.datasetId() + ": " + e.getMessage())
                            .asRuntimeException();
                }
                prepared.put(dataset.datasetId() + "\n" + preprocessing.hash(), data);
            }
            return data;
        }
    }

    @Override
    public void advertiseKeys(AdvertiseKeysRequest request, StreamObserver<AdvertiseKeysResponse> response) {
        answer(response, () -> {
            SecAggCall call = secAggCall(request.getSession());
            AdvertiseKeys advertisement = secAgg(() -> masking.join(
                            call.session(),
                            call.dataset().datasetId(),
                            request.getSession().getThreshold())
                    .advertise());
            return AdvertiseKeysResponse.newBuilder()
                    .setAdvertisement(SecAggWire.toProto(advertisement))
                    .build();
        });
    }

    @Override
    public void shareKeys(ShareKeysRequest request, StreamObserver<ShareKeysResponse> response) {
        answer(response, () -> {
            SecAggCall call = secAggCall(request.getSession());
            MaskingParticipant participant = participant(call);
            ShareKeys shares = secAgg(() -> {
                List<AdvertiseKeys> roster = new java.util.ArrayList<>();
                for (KeyAdvertisement ad : request.getRosterList()) {
                    roster.add(SecAggWire.fromProto(call.session(), ad));
                }
                synchronized (participant) {
                    return participant.shareKeys(roster);
                }
            });
            return SecAggWire.toProto(shares);
        });
    }

    @Override
    public void maskedTrain(MaskedTrainRequest request, StreamObserver<MaskedTrainResponse> response) {
        answer(response, () -> {
            SecAggCall call = secAggCall(request.getSession());
            if (call.session().round() == STATISTICS_ROUND) {
                throw invalid("SECAGG_WRONG_SESSION: round 0 is the job's statistics round; it masks no update");
            }
            MaskingParticipant participant = participant(call);
            CenterDataset dataset = call.dataset();
            JobData data =
                    jobData(call.session().jobId(), dataset, request.hasPreprocessing(), request.getPreprocessing());
            ModelWeights global = decode(request.getGlobalModel(), data, request.hasGlobalModel());
            TrainingConfig config = config(request.getHyperparameters());
            List<EncryptedShares> received = secAgg(() -> SecAggWire.fromProto(request.getSharesList()));
            checkNotCancelled();
            long trainingStart = System.nanoTime();
            TrainingOutcome outcome = train(global, data, config);
            double trainingSeconds = (System.nanoTime() - trainingStart) / 1e9;
            checkNotCancelled();
            float[] delta = outcome.weights().values();
            for (int i = 0; i < delta.length; i++) {
                delta[i] -= global.valueAt(i);
            }
            long samples = dataset.train().size();
            long maskingStart = System.nanoTime();
            MaskedInput masked = secAgg(() -> {
                synchronized (participant) {
                    return participant.maskedInput(received, delta, samples);
                }
            });
            double maskingSeconds = (System.nanoTime() - maskingStart) / 1e9;
            masking.markMasked(call.session(), dataset.datasetId());
            UsageSignature usage = usageSigner.sign(new RoundUsage(
                    call.session().jobId(),
                    call.session().round(),
                    dataset.datasetId(),
                    samples,
                    masked.commitment(),
                    ModelCodec.sha256Hex(request.getGlobalModel().toByteArray())));
            report(
                    call.session().jobId(),
                    dataset,
                    call.session().round(),
                    "train",
                    call.caller().mspId(),
                    true,
                    "",
                    samples);
            MaskedTrainResponse.Builder out = MaskedTrainResponse.newBuilder()
                    .setSampleCount(samples)
                    .setLocalMetrics(Metrics.newBuilder()
                            .putValues("loss", outcome.trainingLoss())
                            .putValues("train_seconds", trainingSeconds)
                            .putValues("mask_seconds", maskingSeconds))
                    .setUsage(UsageSignatureWire.toProto(usage));
            long[] values = masked.values();
            for (long value : values) {
                out.addMasked(value);
            }
            return out.build();
        });
    }

    /**
     * A secure job's statistics round (round 0): the statistics {@link #statistics} would send, encoded in limbs
     * ({@link StatisticsCodec}) and masked against the centers that shared keys, so that only their sum is ever
     * unmasked. Reported on chain as a {@code statistics} use, like the plain call.
     */
    @Override
    public void maskedStatistics(MaskedStatisticsRequest request, StreamObserver<MaskedStatisticsResponse> response) {
        answer(response, () -> {
            SecAggCall call = secAggCall(request.getSession());
            if (call.session().round() != STATISTICS_ROUND) {
                throw invalid("SECAGG_WRONG_SESSION: statistics are masked in round 0 only, not round "
                        + call.session().round());
            }
            MaskingParticipant participant = participant(call);
            CenterDataset dataset = call.dataset();
            List<EncryptedShares> received = secAgg(() -> SecAggWire.fromProto(request.getSharesList()));
            checkNotCancelled();
            ColumnStatistics statistics = statistics(dataset);
            MaskedInput masked = secAgg(() -> {
                long[] encoded = statistics.encode(StatisticsCodec.DEFAULT);
                synchronized (participant) {
                    return participant.maskedInput(received, encoded);
                }
            });
            masking.markMasked(call.session(), dataset.datasetId());
            report(
                    call.session().jobId(),
                    dataset,
                    STATISTICS_ROUND,
                    "statistics",
                    call.caller().mspId(),
                    true,
                    "",
                    dataset.train().size());
            MaskedStatisticsResponse.Builder out = MaskedStatisticsResponse.newBuilder()
                    .setSchemaHash(statistics.schema().hash());
            for (long value : masked.values()) {
                out.addMasked(value);
            }
            return out.build();
        });
    }

    @Override
    public void unmask(UnmaskRequest request, StreamObserver<UnmaskResponse> response) {
        answer(response, () -> {
            SecAggCall call = secAggCall(request.getSession());
            MaskingParticipant participant = participant(call);
            UnmaskingResponse revealed = secAgg(() -> {
                UnmaskingRequest unmasking =
                        new UnmaskingRequest(call.session(), request.getSurvivorsList(), request.getDroppedList());
                synchronized (participant) {
                    return participant.unmask(unmasking);
                }
            });
            masking.finish(call.session(), call.dataset().datasetId());
            return SecAggWire.toProto(revealed);
        });
    }

    /** A map that forgets its least recently used entries beyond {@code capacity}. */
    private static <V> Map<String, V> bounded(int capacity) {
        return new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Answers a unary call with what {@code call} returns, or with the status it throws. */
    private static <T> void answer(StreamObserver<T> response, java.util.function.Supplier<T> call) {
        T answer;
        try {
            answer = call.get();
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }

    /** A secure-aggregation call that passed the same checks as Train: dataset, caller, pass. */
    private record SecAggCall(SessionId session, CenterDataset dataset, Caller caller) {}

    private SecAggCall secAggCall(SecAggSession session) {
        if (!masking.enabled()) {
            throw Status.FAILED_PRECONDITION
                    .withDescription("SECAGG_NOT_CONFIGURED: this center has no directory of peer organisation keys")
                    .asRuntimeException();
        }
        boolean statisticsRound = session.getRound() == STATISTICS_ROUND;
        CenterDataset dataset = statisticsRound
                ? dataset(session.getJobId(), session.getDatasetId())
                : validate(session.getJobId(), session.getRound(), session.getDatasetId());
        if (session.getThreshold() < 2 || session.getThreshold() > MAX_THRESHOLD) {
            throw invalid("SECAGG_INVALID_PARAMETERS: threshold must be in 2.." + MAX_THRESHOLD);
        }
        Caller caller = authorize(
                session.getJobId(),
                dataset,
                session.getRound(),
                session.getPurpose(),
                statisticsRound ? "statistics" : "train");
        return new SecAggCall(new SessionId(session.getJobId(), session.getRound()), dataset, caller);
    }

    private MaskingParticipant participant(SecAggCall call) {
        return masking.participant(call.session(), call.dataset().datasetId())
                .orElseThrow(() -> Status.FAILED_PRECONDITION
                        .withDescription("SECAGG_WRONG_PHASE: " + call.dataset().datasetId()
                                + " has not advertised keys for job "
                                + call.session().jobId() + " round "
                                + call.session().round())
                        .asRuntimeException());
    }

    /** Runs a secure-aggregation step; a refused message becomes a status that names its code. */
    private static <T> T secAgg(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidInputException e) {
            Status status =
                    CENTER_STATE_CODES.contains(e.code()) ? Status.FAILED_PRECONDITION : Status.INVALID_ARGUMENT;
            throw status.withDescription(e.code() + ": " + e.getMessage()).asRuntimeException();
        }
    }

    private CenterDataset validate(String jobId, int round, String datasetId) {
        if (round < 1 || round > MAX_ROUND) {
            throw invalid("round must be in 1.." + MAX_ROUND + ", was " + round);
        }
        return dataset(jobId, datasetId);
    }

    private CenterDataset dataset(String jobId, String datasetId) {
        if (!jobId.matches(ID_PATTERN)) {
            throw invalid("job id must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        CenterDataset dataset = datasets.get(datasetId);
        if (dataset == null) {
            throw Status.NOT_FOUND
                    .withDescription("DATASET_NOT_FOUND: this center offers no dataset '" + abbreviate(datasetId) + "'")
                    .asRuntimeException();
        }
        return dataset;
    }

    private Caller authorize(String jobId, CenterDataset dataset, int round, String purpose, String operation) {
        Caller caller = CallerInterceptor.CALLER.get();
        if (caller == null) {
            report(jobId, dataset, round, operation, "unknown", false, "NO_TRUSTED_CERTIFICATE", 0);
            throw Status.UNAUTHENTICATED
                    .withDescription("NO_TRUSTED_CERTIFICATE: call over mutual TLS with an organisation certificate")
                    .asRuntimeException();
        }
        if (purpose.isBlank()) {
            throw invalid("purpose is required: it is checked against the pass");
        }
        PassClearance verdict;
        try {
            verdict = passCheck.verifyPass(jobId, dataset.datasetId(), purpose);
        } catch (RuntimeException e) {
            LOG.warn("cannot verify pass for job {} dataset {}: {}", jobId, dataset.datasetId(), e.toString());
            throw Status.UNAVAILABLE
                    .withDescription("PASS_CHECK_UNAVAILABLE: cannot verify the pass on chain")
                    .asRuntimeException();
        }
        if (!verdict.valid()) {
            report(jobId, dataset, round, operation, caller.mspId(), false, verdict.reason(), 0);
            String why = ErrorCode.JOB_NOT_RUNNING.is(verdict.reason())
                    ? "job " + jobId + " is not running on chain (not started, or completed, failed or cancelled)"
                    : "no valid pass for job " + jobId + " on dataset " + dataset.datasetId();
            throw Status.PERMISSION_DENIED
                    .withDescription(verdict.reason() + ": " + why)
                    .asRuntimeException();
        }
        if (!caller.mspId().equals(verdict.computeMsp())) {
            report(jobId, dataset, round, operation, caller.mspId(), false, "CALLER_NOT_COMPUTE_ORG", 0);
            throw Status.PERMISSION_DENIED
                    .withDescription("CALLER_NOT_COMPUTE_ORG: job " + jobId + " is computed by " + verdict.computeMsp()
                            + ", not " + caller.mspId())
                    .asRuntimeException();
        }
        return caller;
    }

    private static ModelWeights decode(Model model, JobData data, boolean present) {
        if (!present) {
            throw invalid("MODEL_MISSING: the request carries no model");
        }
        try {
            DatasetSchema schema = data.preprocessing().inputSchema();
            ModelWeights weights = ModelCodec.fromProto(model, schema.hash());
            if (weights.spec().featureCount() != schema.featureNames().size()
                    || weights.spec().outputCount() != schema.outputCount()) {
                throw new IllegalArgumentException("model has " + weights.spec().featureCount() + " inputs and "
                        + weights.spec().outputCount() + " outputs; the dataset has "
                        + schema.featureNames().size() + " and " + schema.outputCount());
            }
            return weights;
        } catch (IllegalArgumentException e) {
            throw invalid("INVALID_MODEL: " + e.getMessage());
        }
    }

    private static TrainingConfig config(Hyperparameters hp) {
        try {
            return new TrainingConfig(
                    hp.getLocalEpochs(), hp.getLearningRate(), hp.getBatchSize(), hp.getProxMu(), hp.getSeed());
        } catch (IllegalArgumentException e) {
            throw invalid("INVALID_HYPERPARAMETERS: " + e.getMessage());
        }
    }

    private TrainingOutcome train(ModelWeights global, JobData data, TrainingConfig config) {
        try {
            return trainers.apply(global.spec().family()).train(global, data.train(), config);
        } catch (IllegalArgumentException e) {
            String hint = e.getMessage() != null && e.getMessage().contains("finite")
                    ? "; training diverged: features are not standardized? set the job's preprocess=standardize or"
                            + " lower the learning rate"
                    : "";
            throw Status.FAILED_PRECONDITION
                    .withDescription("TRAINING_FAILED: " + e.getMessage() + hint)
                    .asRuntimeException();
        }
    }

    /**
     * Records a granted use as the data is put to it, on {@code usageReports}; the caller joins the result before
     * it answers. {@link #report} never throws, so neither does the join.
     */
    private CompletableFuture<Void> reportUse(
            String jobId, CenterDataset dataset, int round, String operation, String callerMsp, long samples) {
        return CompletableFuture.runAsync(
                () -> report(jobId, dataset, round, operation, callerMsp, true, "", samples), usageReports);
    }

    private void report(
            String jobId,
            CenterDataset dataset,
            int round,
            String operation,
            String callerMsp,
            boolean granted,
            String reason,
            long samples) {
        try {
            passCheck.recordUsage(
                    new DatasetUse(jobId, dataset.datasetId(), round, operation, callerMsp, granted, reason, samples));
        } catch (RuntimeException e) {
            // The use itself is not undone; the failure to report is logged for the operator to replay.
            LOG.error(
                    "could not report {} usage of {} for job {} on chain: {}",
                    operation,
                    dataset.datasetId(),
                    jobId,
                    e.toString());
        }
    }

    private static void checkNotCancelled() {
        if (Context.current().isCancelled()) {
            throw Status.CANCELLED
                    .withDescription("the caller cancelled or its deadline passed")
                    .asRuntimeException();
        }
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
