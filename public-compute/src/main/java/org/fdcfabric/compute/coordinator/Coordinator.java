package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.compute.aggregation.FedAvg;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobLedger;
import org.fdcfabric.compute.job.Participation;
import org.fdcfabric.compute.job.RoundRecord;
import org.fdcfabric.compute.job.TrainingJob;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.crypto.JobKeyAgreement;
import org.fdcfabric.datacenter.crypto.SealedBox;
import org.fdcfabric.datacenter.crypto.UpdateCipher;
import org.fdcfabric.datacenter.crypto.UpdateTamperedException;
import org.fdcfabric.datacenter.training.ClassificationMetrics;
import org.fdcfabric.datacenter.training.ModelCodec;
import org.fdcfabric.datacenter.training.ModelInitializer;
import org.fdcfabric.datacenter.training.ModelWeights;
import org.fdcfabric.protocol.federation.DescribeRequest;
import org.fdcfabric.protocol.federation.DescribeResponse;
import org.fdcfabric.protocol.federation.EvaluateRequest;
import org.fdcfabric.protocol.federation.EvaluateResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public compute node's federated training coordinator. Reads the job from the chain, connects to the
 * centers named by the UCL addresses and runs rounds: samples a fraction C of the centers, sends the global
 * model with a per-round deadline, opens and checks the sealed updates that arrive in time, aggregates them
 * (FedAvg weighted by samples) if at least the quorum arrived, records the round on chain, evaluates the new
 * model on the centers' test splits, and stops when the model moves less than epsilon or at the round budget.
 * Then it completes the job on chain and saves the final model with its provenance.
 *
 * <p>Crash safety: each round's model is stored before the round is recorded; a restarted coordinator resumes
 * after the last round recorded on chain. Everything random derives from the job's seed, so a resumed job and an
 * uninterrupted one end with the same model.
 */
public final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final Duration DESCRIBE_DEADLINE = Duration.ofSeconds(10);
    /** Evaluation is forward passes only; it gets the round deadline but at least this. */
    private static final Duration MIN_EVALUATE_DEADLINE = Duration.ofSeconds(5);

    private final JobLedger ledger;
    private final CenterDirectory directory;
    private final ModelStore store;
    private final CoordinatorIdentity identity;
    private final MeterRegistry meters;
    private final RoundListener listener;
    private final SecureRandom random = new SecureRandom();

    public Coordinator(
            JobLedger ledger,
            CenterDirectory directory,
            ModelStore store,
            CoordinatorIdentity identity,
            MeterRegistry meters,
            RoundListener listener) {
        this.ledger = ledger;
        this.directory = directory;
        this.store = store;
        this.identity = identity;
        this.meters = meters;
        this.listener = listener;
    }

    /** A connected center: its UCL, stub and the job's update cipher shared with it. */
    private record Center(UclAddress ucl, FederationGrpc.FederationFutureStub stub, UpdateCipher cipher) {}

    public JobResult run(String jobId) {
        long started = System.nanoTime();
        TrainingJob job = ledger.readJob(jobId);
        if (!job.computeMsp().equals(identity.mspId())) {
            throw new IllegalStateException(
                    "job " + jobId + " is computed by " + job.computeMsp() + ", not by " + identity.mspId());
        }
        TrainingPlan plan = job.plan();
        List<UclAddress> ucls = ledger.uclAddresses(job);
        String schemaHash = commonSchemaHash(job, ucls);
        Map<String, Center> centers = connect(job, ucls, schemaHash);

        List<RoundRecord> recorded = ledger.recordedRounds(jobId);
        List<String> roundHashes = new ArrayList<>();
        recorded.forEach(r -> roundHashes.add(r.aggregateModelHash()));
        ModelWeights global;
        int resumedAfter = 0;
        boolean converged = false;
        if (recorded.isEmpty()) {
            global = new ModelInitializer().initial(plan.spec(), schemaHash, plan.seed());
        } else {
            RoundRecord last = recorded.get(recorded.size() - 1);
            resumedAfter = last.round();
            converged = last.converged();
            global = store.loadRound(jobId, last.round(), schemaHash, last.aggregateModelHash());
            LOG.info("job {}: resuming after round {} recorded on chain", jobId, last.round());
        }
        if (!global.spec().equals(plan.spec())) {
            throw new IllegalStateException("stored model of job " + jobId + " does not match the job's model spec");
        }
        listener.jobStarted(jobId, resumedAfter + 1, job.maxRounds());
        List<RoundReport> reports = new ArrayList<>();
        int round = resumedAfter;
        while (!converged && round < job.maxRounds()) {
            round++;
            RoundOutcome outcome = runRound(job, round, global, centers, schemaHash);
            global = outcome.model();
            converged = outcome.report().record().converged();
            roundHashes.add(outcome.report().record().aggregateModelHash());
            reports.add(outcome.report());
            listener.roundCompleted(outcome.report());
        }
        String finalHash = ModelCodec.hash(global);
        ledger.completeJob(jobId, finalHash);
        java.nio.file.Path file =
                store.saveFinal(jobId, global, provenance(job, ucls, schemaHash, roundHashes, finalHash, converged));
        JobResult result = new JobResult(
                jobId,
                global,
                finalHash,
                reports,
                round,
                converged,
                resumedAfter,
                file,
                Duration.ofNanos(System.nanoTime() - started));
        listener.jobFinished(result);
        return result;
    }

    private record RoundOutcome(ModelWeights model, RoundReport report) {}

    private RoundOutcome runRound(
            TrainingJob job, int round, ModelWeights global, Map<String, Center> centers, String schemaHash) {
        TrainingPlan plan = job.plan();
        long roundStart = System.nanoTime();
        List<String> sampled = sample(job, round);
        Model globalProto = ModelCodec.toProto(global);
        Map<String, ListenableFuture<TrainResponse>> pending = new LinkedHashMap<>();
        long bytesOut = 0;
        for (String datasetId : sampled) {
            TrainRequest request = TrainRequest.newBuilder()
                    .setJobId(job.jobId())
                    .setRound(round)
                    .setDatasetId(datasetId)
                    .setPurpose(job.purpose())
                    .setGlobalModel(globalProto)
                    .setHyperparameters(Hyperparameters.newBuilder()
                            .setLocalEpochs(plan.localEpochs())
                            .setLearningRate(plan.learningRate())
                            .setBatchSize(plan.batchSize())
                            .setProxMu(plan.proxMu())
                            .setSeed(centerSeed(plan.seed(), round, datasetId)))
                    .build();
            bytesOut += request.getSerializedSize();
            pending.put(
                    datasetId,
                    centers.get(datasetId)
                            .stub()
                            .withDeadlineAfter(plan.roundDeadline().toNanos(), TimeUnit.NANOSECONDS)
                            .train(request));
        }
        long sent = System.nanoTime();
        Map<String, Object> answers = await(pending);
        long arrived = System.nanoTime();

        List<WeightedUpdate> accepted = new ArrayList<>();
        List<Participation> participants = new ArrayList<>();
        List<Absence> absences = new ArrayList<>();
        double lossSum = 0;
        double slowestTraining = 0;
        long bytesIn = 0;
        for (String datasetId : sampled) {
            Object answer = answers.get(datasetId);
            if (answer instanceof StatusRuntimeException error) {
                absences.add(absence(datasetId, error.getStatus()));
                continue;
            }
            TrainResponse response = (TrainResponse) answer;
            bytesIn += response.getSerializedSize();
            try {
                byte[] plain = open(centers.get(datasetId), job.jobId(), round, datasetId, response);
                ModelWeights update = checkUpdate(plain, global, schemaHash, response);
                accepted.add(new WeightedUpdate(datasetId, update, response.getSampleCount()));
                participants.add(new Participation(datasetId, response.getSampleCount(), ModelCodec.sha256Hex(plain)));
                lossSum += response.getLocalMetrics().getValuesOrDefault("loss", 0) * response.getSampleCount();
                slowestTraining =
                        Math.max(slowestTraining, response.getLocalMetrics().getValuesOrDefault("train_seconds", 0));
            } catch (IllegalArgumentException | UpdateTamperedException e) {
                absences.add(new Absence(datasetId, Absence.Kind.REJECTED, e.getMessage()));
                LOG.warn("job {} round {}: rejected update of {}: {}", job.jobId(), round, datasetId, e.getMessage());
            }
        }
        count(absences);
        Counter.builder("fdc.coordinator.sent")
                .description("Train request bytes sent to the centers (global models)")
                .baseUnit("bytes")
                .register(meters)
                .increment(bytesOut);
        Counter.builder("fdc.coordinator.received")
                .description("Train response bytes received from the centers (sealed updates)")
                .baseUnit("bytes")
                .register(meters)
                .increment(bytesIn);
        DistributionSummary.builder("fdc.coordinator.participants")
                .description("centers whose update a round accepted")
                .register(meters)
                .record(accepted.size());
        if (accepted.size() < plan.minQuorum()) {
            throw new RoundFailedException(
                    "job " + job.jobId() + " round " + round + ": " + accepted.size() + " updates accepted, quorum is "
                            + plan.minQuorum() + "; absent: " + absences,
                    absences);
        }
        ModelWeights aggregate = new FedAvg().average(accepted);
        double distance = aggregate.distanceTo(global);
        boolean converged = distance <= plan.epsilon();
        long samples = accepted.stream().mapToLong(WeightedUpdate::samples).sum();
        String hash = ModelCodec.hash(aggregate);
        RoundRecord record = new RoundRecord(
                job.jobId(),
                round,
                participants.stream()
                        .sorted(java.util.Comparator.comparing(Participation::datasetId))
                        .toList(),
                absences,
                hash,
                ModelCodec.hash(global),
                decimal(distance),
                Map.of("train_loss", decimal(lossSum / samples), "samples", BigDecimal.valueOf(samples)),
                converged);
        store.saveRound(job.jobId(), round, aggregate);
        ledger.recordRound(record);
        long recordedAt = System.nanoTime();

        Evaluated evaluated = evaluate(job, round, aggregate, centers);
        long end = System.nanoTime();
        Duration coordinatorTime = Duration.ofNanos((sent - roundStart) + (recordedAt - arrived));
        Timer.builder("fdc.coordinator.round")
                .description("a round from its first Train request to its federated evaluation")
                .register(meters)
                .record(Duration.ofNanos(end - roundStart));
        Timer.builder("fdc.coordinator.overhead")
                .description("the coordinator's own share of a round: preparing requests, aggregating, recording")
                .register(meters)
                .record(coordinatorTime);
        RoundReport report = new RoundReport(
                record,
                evaluated.metrics(),
                evaluated.confusion(),
                Duration.ofNanos(end - roundStart),
                coordinatorTime,
                Duration.ofNanos((long) (slowestTraining * 1e9)),
                bytesOut,
                bytesIn);
        return new RoundOutcome(aggregate, report);
    }

    /** One counter, labelled by kind: stragglers, refusals, rejected updates and failures sum to all absences. */
    private void count(List<Absence> absences) {
        for (Absence absence : absences) {
            Counter.builder("fdc.coordinator.absences")
                    .description("sampled centers whose update a round did not use, by why")
                    .tag("kind", absence.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .register(meters)
                    .increment();
        }
    }

    private static Absence absence(String datasetId, Status status) {
        String reason = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> new Absence(datasetId, Absence.Kind.STRAGGLER, reason);
            case PERMISSION_DENIED, UNAUTHENTICATED -> new Absence(datasetId, Absence.Kind.REFUSED, reason);
            default -> new Absence(datasetId, Absence.Kind.FAILED, reason);
        };
    }

    private byte[] open(Center center, String jobId, int round, String datasetId, TrainResponse response)
            throws UpdateTamperedException {
        if (!response.getJobId().equals(jobId)
                || response.getRound() != round
                || !response.getDatasetId().equals(datasetId)) {
            throw new IllegalArgumentException("response is for job " + response.getJobId() + " round "
                    + response.getRound() + " dataset " + response.getDatasetId());
        }
        return center.cipher()
                .open(
                        new SealedBox(
                                response.getUpdate().getNonce().toByteArray(),
                                response.getUpdate().getCiphertext().toByteArray()),
                        UpdateCipher.binding(jobId, round, datasetId));
    }

    private static ModelWeights checkUpdate(
            byte[] plain, ModelWeights global, String schemaHash, TrainResponse response) {
        if (response.getSampleCount() < 1) {
            throw new IllegalArgumentException("update claims " + response.getSampleCount() + " samples");
        }
        Model model;
        try {
            model = Model.parseFrom(plain);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("update is not a model: " + e.getMessage());
        }
        ModelWeights update = ModelCodec.fromProto(model, schemaHash);
        if (!update.spec().equals(global.spec())) {
            throw new IllegalArgumentException(
                    "update has spec " + update.spec() + ", the job trains " + global.spec());
        }
        return update;
    }

    private record Evaluated(Map<String, Double> metrics, long[][] confusion) {}

    /** Federated evaluation: every center scores the model on its test split; metrics are pooled by samples. */
    private Evaluated evaluate(TrainingJob job, int round, ModelWeights model, Map<String, Center> centers) {
        Duration deadline = job.plan().roundDeadline().compareTo(MIN_EVALUATE_DEADLINE) < 0
                ? MIN_EVALUATE_DEADLINE
                : job.plan().roundDeadline();
        Model proto = ModelCodec.toProto(model);
        Map<String, ListenableFuture<EvaluateResponse>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, Center> center : centers.entrySet()) {
            pending.put(
                    center.getKey(),
                    center.getValue()
                            .stub()
                            .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                            .evaluate(EvaluateRequest.newBuilder()
                                    .setJobId(job.jobId())
                                    .setRound(round)
                                    .setDatasetId(center.getKey())
                                    .setPurpose(job.purpose())
                                    .setModel(proto)
                                    .build()));
        }
        Map<String, Object> answers = await(pending);
        int k = job.plan().spec().outputCount();
        boolean classification = job.plan().spec().family().classification();
        long[][] confusion = classification ? new long[k][k] : new long[0][];
        double lossSum = 0;
        double mseSum = 0;
        long samples = 0;
        for (Object answer : answers.values()) {
            if (!(answer instanceof EvaluateResponse response) || response.getSampleCount() == 0) {
                continue;
            }
            samples += response.getSampleCount();
            lossSum += response.getMetrics().getValuesOrDefault("loss", 0) * response.getSampleCount();
            mseSum += response.getMetrics().getValuesOrDefault("mse", 0) * response.getSampleCount();
            if (classification && response.getConfusionCount() == k * k) {
                for (int i = 0; i < k * k; i++) {
                    confusion[i / k][i % k] += response.getConfusion(i);
                }
            }
        }
        Map<String, Double> metrics = new TreeMap<>();
        metrics.put("samples", (double) samples);
        if (samples > 0) {
            if (classification) {
                long correct = 0;
                for (int i = 0; i < k; i++) {
                    correct += confusion[i][i];
                }
                metrics.put("accuracy", correct / (double) samples);
                metrics.put("macro_f1", ClassificationMetrics.macroF1(confusion));
                metrics.put("loss", lossSum / samples);
            } else {
                metrics.put("mse", mseSum / samples);
            }
        }
        return new Evaluated(metrics, confusion);
    }

    private static <T> Map<String, Object> await(Map<String, ListenableFuture<T>> pending) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Map.Entry<String, ListenableFuture<T>> entry : pending.entrySet()) {
            try {
                answers.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                answers.put(
                        entry.getKey(),
                        e.getCause() instanceof StatusRuntimeException s
                                ? s
                                : Status.UNKNOWN
                                        .withDescription(String.valueOf(e.getCause()))
                                        .asRuntimeException());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.values().forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while waiting for centers", e);
            }
        }
        return answers;
    }

    /** Samples max(quorum, ceil(C x K)) of the K centers, seeded by the job seed and the round. */
    List<String> sample(TrainingJob job, int round) {
        List<String> ids = new ArrayList<>(job.datasetIds());
        int k = ids.size();
        int m = Math.min(
                k, Math.max(job.plan().minQuorum(), (int) Math.ceil(job.plan().clientFraction() * k)));
        SplittableRandom random = new SplittableRandom(derivedSeed(job.plan().seed(), round, "sampling"));
        for (int i = k - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, t);
        }
        return ids.subList(0, m).stream().sorted().toList();
    }

    /** The local shuffling seed of one center in one round. */
    static long centerSeed(long jobSeed, int round, String datasetId) {
        return derivedSeed(jobSeed, round, "center:" + datasetId);
    }

    /** First 8 bytes of SHA-256(jobSeed || round || label): independent streams from one recorded seed. */
    static long derivedSeed(long jobSeed, int round, String label) {
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(12 + labelBytes.length);
        buffer.putLong(jobSeed).putInt(round).put(labelBytes);
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(buffer.array()))
                    .getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Map<String, Center> connect(TrainingJob job, List<UclAddress> ucls, String schemaHash) {
        Map<String, Center> centers = new TreeMap<>();
        for (UclAddress ucl : ucls) {
            CenterEndpoint endpoint = directory.connect(ucl);
            FederationGrpc.FederationFutureStub stub = FederationGrpc.newFutureStub(endpoint.channel())
                    .withMaxInboundMessageSize(256 * 1024 * 1024)
                    .withMaxOutboundMessageSize(256 * 1024 * 1024);
            checkDescription(ucl, stub, schemaHash);
            byte[] key = JobKeyAgreement.deriveJobKey(
                    identity.agreementKeys().getPrivate(),
                    identity.agreementKeys().getPublic(),
                    endpoint.agreementKey(),
                    job.jobId());
            UpdateCipher cipher = new UpdateCipher(key, random);
            LOG.debug("job {}: center {} connected, AES-GCM engine {}", job.jobId(), ucl.datasetId(), cipher.engine());
            centers.put(ucl.datasetId(), new Center(ucl, stub, cipher));
        }
        return centers;
    }

    /** A center must offer the dataset with the schema its UCL registered; a mismatch is a misconfiguration. */
    private static void checkDescription(UclAddress ucl, FederationGrpc.FederationFutureStub stub, String schemaHash) {
        DescribeResponse description;
        try {
            description = stub.withDeadlineAfter(DESCRIBE_DEADLINE.toNanos(), TimeUnit.NANOSECONDS)
                    .describe(DescribeRequest.getDefaultInstance())
                    .get();
        } catch (ExecutionException e) {
            LOG.warn(
                    "center of {} did not answer Describe: {}",
                    ucl.datasetId(),
                    e.getCause().toString());
            return; // unreachable now; it will be recorded as absent in the rounds it is sampled for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        boolean offered = description.getDatasetsList().stream()
                .anyMatch(d -> d.getDatasetId().equals(ucl.datasetId())
                        && d.getSchemaHash().equals(schemaHash));
        if (!offered) {
            throw new IllegalStateException("center at " + ucl.address() + " does not offer " + ucl.datasetId()
                    + " with the schema its UCL registered");
        }
    }

    private static String commonSchemaHash(TrainingJob job, List<UclAddress> ucls) {
        List<String> ids = ucls.stream().map(UclAddress::datasetId).sorted().toList();
        if (!ids.equals(job.datasetIds())) {
            throw new IllegalStateException("the chain returned UCLs " + ids + " for job datasets " + job.datasetIds());
        }
        String hash = ucls.get(0).schemaHash();
        for (UclAddress ucl : ucls) {
            if (!ucl.schemaHash().equals(hash)) {
                throw new IllegalStateException("datasets " + ucls.get(0).datasetId() + " and " + ucl.datasetId()
                        + " have different schemas; a federated model needs one schema");
            }
        }
        return hash;
    }

    private static ModelProvenance provenance(
            TrainingJob job,
            List<UclAddress> ucls,
            String schemaHash,
            List<String> roundHashes,
            String finalHash,
            boolean converged) {
        TrainingPlan plan = job.plan();
        return new ModelProvenance(
                job.jobId(),
                "fdc-fabric FedAvg coordinator over " + plan.spec().family().wireName() + " local trainers",
                plan.spec().family().wireName(),
                plan.spec().hidden(),
                plan.spec().factors(),
                plan.spec().featureCount(),
                plan.spec().outputCount(),
                schemaHash,
                plan.localEpochs(),
                BigDecimal.valueOf(plan.learningRate()).toPlainString(),
                plan.batchSize(),
                BigDecimal.valueOf(plan.proxMu()).toPlainString(),
                BigDecimal.valueOf(plan.clientFraction()).toPlainString(),
                plan.minQuorum(),
                plan.roundDeadline().toMillis(),
                BigDecimal.valueOf(plan.epsilon()).toPlainString(),
                plan.seed(),
                "initial model: ModelInitializer(seed); round r sampling and center d's shuffling: first 8 bytes of "
                        + "SHA-256(seed || r || label)",
                ucls.stream()
                        .map(u -> new ModelProvenance.UclLineage(u.datasetId(), u.ownerMsp(), u.merkleRoot()))
                        .toList(),
                roundHashes,
                finalHash,
                converged);
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
