package org.fdcfabric.datacenter.federation;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.fdcfabric.datacenter.crypto.JobKeyAgreement;
import org.fdcfabric.datacenter.crypto.SealedBox;
import org.fdcfabric.datacenter.crypto.UpdateCipher;
import org.fdcfabric.datacenter.training.DatasetSchema;
import org.fdcfabric.datacenter.training.Evaluation;
import org.fdcfabric.datacenter.training.Evaluator;
import org.fdcfabric.datacenter.training.LocalTrainer;
import org.fdcfabric.datacenter.training.ModelCodec;
import org.fdcfabric.datacenter.training.ModelFamily;
import org.fdcfabric.datacenter.training.ModelWeights;
import org.fdcfabric.datacenter.training.TrainingConfig;
import org.fdcfabric.datacenter.training.TrainingOutcome;
import org.fdcfabric.protocol.federation.DatasetDescription;
import org.fdcfabric.protocol.federation.DescribeRequest;
import org.fdcfabric.protocol.federation.DescribeResponse;
import org.fdcfabric.protocol.federation.EvaluateRequest;
import org.fdcfabric.protocol.federation.EvaluateResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.Metrics;
import org.fdcfabric.protocol.federation.SealedUpdate;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private data center's Federation service. Before any Train or Evaluate it checks that the caller's
 * certificate belongs to the job's compute organisation and that this center's pass for the job is valid on
 * chain; a refusal is {@code PERMISSION_DENIED} and is reported on chain. Updates leave sealed under the per-job
 * key agreed with the caller's certified key ({@code agreementKeys} are the center's organisation key pair, the one
 * its certificate certifies). Raw records never leave: only model tensors and aggregate metrics.
 */
public final class FederationService extends FederationGrpc.FederationImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(FederationService.class);
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    private static final int MAX_ROUND = 1_000_000;

    private final String centerName;
    private final KeyPair agreementKeys;
    private final Map<String, CenterDataset> datasets;
    private final PassCheck passCheck;
    private final Function<ModelFamily, LocalTrainer> trainers;
    private final SecureRandom random;

    public FederationService(
            String centerName,
            KeyPair agreementKeys,
            List<CenterDataset> datasets,
            PassCheck passCheck,
            Function<ModelFamily, LocalTrainer> trainers,
            SecureRandom random) {
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
            DatasetSchema schema = dataset.train().schema();
            out.addDatasets(DatasetDescription.newBuilder()
                    .setDatasetId(dataset.datasetId())
                    .setSchemaHash(schema.hash())
                    .addAllFeatureNames(schema.featureNames())
                    .setLabelName(schema.labelName())
                    .addAllClasses(schema.classes())
                    .setTask(schema.task().name().toLowerCase(java.util.Locale.ROOT))
                    .setTrainSamples(dataset.train().size())
                    .setTestSamples(dataset.test().size()));
        }
        response.onNext(out.build());
        response.onCompleted();
    }

    @Override
    public void train(TrainRequest request, StreamObserver<TrainResponse> response) {
        try {
            CenterDataset dataset = validate(request.getJobId(), request.getRound(), request.getDatasetId());
            Caller caller = authorize(request.getJobId(), dataset, request.getRound(), request.getPurpose(), "train");
            ModelWeights global = decode(request.getGlobalModel(), dataset, request.hasGlobalModel());
            TrainingConfig config = config(request.getHyperparameters());
            checkNotCancelled();
            long trainingStart = System.nanoTime();
            TrainingOutcome outcome = train(global, dataset, config);
            double trainingSeconds = (System.nanoTime() - trainingStart) / 1e9;
            checkNotCancelled();
            byte[] update = ModelCodec.toProto(outcome.weights()).toByteArray();
            byte[] key = JobKeyAgreement.deriveJobKey(
                    agreementKeys.getPrivate(), agreementKeys.getPublic(), caller.publicKey(), request.getJobId());
            SealedBox box = new UpdateCipher(key, random)
                    .seal(update, UpdateCipher.binding(request.getJobId(), request.getRound(), dataset.datasetId()));
            report(
                    request.getJobId(),
                    dataset,
                    request.getRound(),
                    "train",
                    caller.mspId(),
                    true,
                    "",
                    dataset.train().size());
            response.onNext(TrainResponse.newBuilder()
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
                    .build());
            response.onCompleted();
        } catch (StatusRuntimeException e) {
            response.onError(e);
        }
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> response) {
        try {
            CenterDataset dataset = validate(request.getJobId(), request.getRound(), request.getDatasetId());
            Caller caller =
                    authorize(request.getJobId(), dataset, request.getRound(), request.getPurpose(), "evaluate");
            ModelWeights model = decode(request.getModel(), dataset, request.hasModel());
            checkNotCancelled();
            Evaluation evaluation = new Evaluator().evaluate(model, dataset.test());
            report(
                    request.getJobId(),
                    dataset,
                    request.getRound(),
                    "evaluate",
                    caller.mspId(),
                    true,
                    "",
                    dataset.test().size());
            EvaluateResponse.Builder out = EvaluateResponse.newBuilder()
                    .setSampleCount(evaluation.samples())
                    .setMetrics(Metrics.newBuilder().putAllValues(evaluation.metrics()));
            for (long[] row : evaluation.confusion()) {
                for (long count : row) {
                    out.addConfusion(count);
                }
            }
            response.onNext(out.build());
            response.onCompleted();
        } catch (StatusRuntimeException e) {
            response.onError(e);
        }
    }

    private CenterDataset validate(String jobId, int round, String datasetId) {
        if (!jobId.matches(ID_PATTERN)) {
            throw invalid("job id must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        if (round < 1 || round > MAX_ROUND) {
            throw invalid("round must be in 1.." + MAX_ROUND + ", was " + round);
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
        PassVerdict verdict;
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
            throw Status.PERMISSION_DENIED
                    .withDescription(verdict.reason() + ": no valid pass for job " + jobId + " on dataset "
                            + dataset.datasetId())
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

    private static ModelWeights decode(
            org.fdcfabric.protocol.federation.Model model, CenterDataset dataset, boolean present) {
        if (!present) {
            throw invalid("MODEL_MISSING: the request carries no model");
        }
        try {
            ModelWeights weights =
                    ModelCodec.fromProto(model, dataset.train().schema().hash());
            DatasetSchema schema = dataset.train().schema();
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

    private TrainingOutcome train(ModelWeights global, CenterDataset dataset, TrainingConfig config) {
        try {
            return trainers.apply(global.spec().family()).train(global, dataset.train(), config);
        } catch (IllegalArgumentException e) {
            throw Status.FAILED_PRECONDITION
                    .withDescription("TRAINING_FAILED: " + e.getMessage())
                    .asRuntimeException();
        }
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
                    new UsageReport(jobId, dataset.datasetId(), round, operation, callerMsp, granted, reason, samples));
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
