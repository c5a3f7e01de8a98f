package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fdcfabric.compute.aggregation.ServerOptimizer;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.JobLedger;
import org.fdcfabric.compute.job.RoundResult;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.learning.crypto.JobKeyAgreement;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.ClassificationMetrics;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.RegressionMetrics;
import org.fdcfabric.protocol.federation.DescribeRequest;
import org.fdcfabric.protocol.federation.DescribeResponse;
import org.fdcfabric.protocol.federation.EvaluateRequest;
import org.fdcfabric.protocol.federation.EvaluateResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.JobPreprocessing;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.RoundProgress;
import org.fdcfabric.protocol.job.TrainingTerms;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.ucl.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public compute node's federated training coordinator. Reads the job from the chain, connects to the
 * centers named by the UCL addresses and runs rounds: samples a fraction C of the centers, sends the global
 * model with a per-round deadline, opens and checks each sealed update as it arrives ({@link UpdateIntake}),
 * aggregates them (FedAvg weighted by samples, or the job's robust rule: {@link PlainAggregation}) if at least the
 * quorum arrived, records the round on chain,
 * evaluates the new model on the centers' test splits, and stops when the model moves less than epsilon or at
 * the round budget. Then it completes the job on chain and saves the final model with its provenance.
 *
 * <p>A secure job's rounds run as {@link SecureRound}s instead: the coordinator learns only the sum of the updates, and
 * a round below its threshold is recorded as failed.
 *
 * <p>Crash safety: each round's model is stored and fsynced before the round is recorded; a restarted
 * coordinator resumes after the last round recorded on chain. Everything random derives from the job's seed, so
 * a resumed job and an uninterrupted one end with the same model.
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
    private final CpuClock cpu = new CpuClock();

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

    public JobResult run(String jobId) {
        long started = System.nanoTime();
        JobAssignment job = ledger.readJob(jobId);
        if (!job.computeMsp().equals(identity.mspId())) {
            throw new IllegalStateException(
                    "job " + jobId + " is computed by " + job.computeMsp() + ", not by " + identity.mspId());
        }
        TrainingPlan plan = job.plan();
        if (plan.aggregation().secure()) {
            SecureRound.checkPlan(job, sample(job, 1).size());
        }
        List<UclAddress> ucls = ledger.uclAddresses(job);
        Map<String, ConnectedCenter> centers = connect(job, ucls, commonSchemaHash(job, ucls));
        Preprocessing preprocessing =
                new PreprocessingPhase(store).fix(job, ucls.get(0).schema(), centers);
        JobPreprocessing wirePreprocessing = PreprocessingPhase.wire(preprocessing);
        // the model's inputs are the preprocessed columns; it is bound to their schema
        String schemaHash = preprocessing.inputSchema().hash();

        List<RoundResult> recorded = ledger.recordedRounds(jobId);
        List<String> roundHashes = new ArrayList<>();
        recorded.forEach(r -> roundHashes.add(r.aggregateModelHash()));
        EncodedModel global;
        ServerOptimizer optimizer = new ServerOptimizer(plan.serverOptimizer());
        int resumedAfter = 0;
        boolean converged = false;
        if (recorded.isEmpty()) {
            global = EncodedModel.of(new ModelInitializer().initial(plan.spec(), schemaHash, plan.seed()));
        } else {
            RoundResult last = recorded.get(recorded.size() - 1);
            resumedAfter = last.round();
            converged = last.progress().converged();
            global = EncodedModel.of(store.loadRound(jobId, last.round(), schemaHash, last.aggregateModelHash()));
            if (optimizer.active()) {
                optimizer.restore(store.loadOptimizerState(jobId, last.round()));
            }
            LOG.info("job {}: resuming after round {} recorded on chain", jobId, last.round());
        }
        if (!global.weights().spec().equals(plan.spec())) {
            throw new IllegalStateException("stored model of job " + jobId + " does not match the job's model spec");
        }
        listener.jobStarted(jobId, resumedAfter + 1, job.maxRounds());
        List<RoundReport> reports = new ArrayList<>();
        int round = resumedAfter;
        ExecutorService intake = intakeExecutor(jobId);
        try {
            while (!converged && round < job.maxRounds()) {
                round++;
                RoundOutcome outcome =
                        runRound(job, round, global, centers, schemaHash, wirePreprocessing, intake, optimizer);
                global = outcome.model();
                converged = outcome.report().record().progress().converged();
                roundHashes.add(outcome.report().record().aggregateModelHash());
                reports.add(outcome.report());
                listener.roundCompleted(outcome.report());
            }
        } finally {
            intake.shutdownNow();
        }
        String finalHash = global.hash();
        // saved before settling: a node killed in between finds the job still running, and settles it on restart
        java.nio.file.Path file = store.saveFinal(
                jobId,
                global.weights(),
                provenance(job, ucls, schemaHash, preprocessing, roundHashes, finalHash, converged));
        ledger.completeJob(jobId, finalHash);
        JobResult result = new JobResult(
                jobId,
                global.weights(),
                finalHash,
                reports,
                round,
                converged,
                resumedAfter,
                file,
                Duration.ofNanos(System.nanoTime() - started),
                preprocessing);
        listener.jobFinished(result);
        return result;
    }

    /** One intake thread per core: opening updates is CPU-bound and updates from fast centers queue up. */
    private static ExecutorService intakeExecutor(String jobId) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "fdc-intake-" + jobId + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private record RoundOutcome(EncodedModel model, RoundReport report) {}

    /**
     * One plain round: send the global model to the sampled centers, take their sealed updates, aggregate, store
     * and record. {@link RoundTimer} keeps the timing apart; its CPU time sums every coordinator thread's work.
     */
    private RoundOutcome runRound(
            JobAssignment job,
            int round,
            EncodedModel global,
            Map<String, ConnectedCenter> centers,
            String schemaHash,
            JobPreprocessing preprocessing,
            ExecutorService intakeExecutor,
            ServerOptimizer optimizer) {
        centers.replaceAll((datasetId, center) -> center.reconnected(directory));
        if (job.plan().aggregation().secure()) {
            return runSecureRound(job, round, global, centers, preprocessing, optimizer);
        }
        TrainingPlan plan = job.plan();
        RoundTimer timer = new RoundTimer(cpu);
        UpdateIntake intake =
                new UpdateIntake(job.jobId(), round, plan.spec(), schemaHash, intakeExecutor, cpu, meters);
        long bytesOut = sendTrainRequests(job, round, global, centers, preprocessing, intake);
        timer.sent();
        RoundUpdates updates = intake.await();
        timer.answered(updates.lastArrivalNanos());

        count(updates.absences());
        countTraffic(bytesOut, updates.bytesIn(), updates.accepted().size());
        if (updates.accepted().size() < plan.minQuorum()) {
            throw new RoundFailedException(
                    "job " + job.jobId() + " round " + round + ": "
                            + updates.accepted().size() + " updates accepted, quorum is " + plan.minQuorum()
                            + "; absent: " + updates.absences(),
                    updates.absences());
        }
        timer.backlogCleared();
        PlainAggregation averaged = timer.step(
                "average",
                () -> PlainAggregation.aggregate(
                        plan.aggregation().aggregator(), global.weights(), updates.accepted()));
        EncodedModel aggregate =
                timer.step("encode", () -> EncodedModel.of(optimizer.apply(global.weights(), averaged.model())));
        long samples =
                updates.accepted().stream().mapToLong(WeightedUpdate::samples).sum();
        RoundResult record = result(
                job,
                round,
                global,
                aggregate,
                updates.participants(),
                updates.absences(),
                updates.lossSum(),
                samples,
                averaged.record());
        timer.step("store", () -> save(job.jobId(), round, aggregate, optimizer));
        // the centers evaluate the new model while the chain commits its round: neither waits for the other
        CompletableFuture<Map<String, ListenableFuture<EvaluateResponse>>> evaluations = CompletableFuture.supplyAsync(
                () -> sendEvaluations(job, round, aggregate, centers, preprocessing), intakeExecutor);
        timer.step("record", () -> ledger.recordRound(record));
        timer.recorded(this::stage);

        Evaluated evaluated = evaluated(job, evaluations.join());
        Duration roundTime = timer.elapsed();
        Duration coordinatorCpu = timer.coordinatorCpu(updates.cpuNanos());
        recordTimes(roundTime, timer.criticalPath(), coordinatorCpu);
        RoundReport report = new RoundReport(
                record,
                evaluated.metrics(),
                evaluated.confusion(),
                roundTime,
                timer.criticalPath(),
                timer.criticalPathCpu(updates.cpuAfterLastArrivalNanos()),
                coordinatorCpu,
                Duration.ofNanos((long) (updates.slowestTraining() * 1e9)),
                bytesOut,
                updates.bytesIn(),
                Duration.ZERO);
        return new RoundOutcome(aggregate, report);
    }

    /** Sends the global model to each sampled center; the intake takes the answers. Returns the bytes sent. */
    private long sendTrainRequests(
            JobAssignment job,
            int round,
            EncodedModel global,
            Map<String, ConnectedCenter> centers,
            JobPreprocessing preprocessing,
            UpdateIntake intake) {
        TrainingPlan plan = job.plan();
        long bytesOut = 0;
        for (String datasetId : sample(job, round)) {
            TrainRequest request = TrainRequest.newBuilder()
                    .setJobId(job.jobId())
                    .setRound(round)
                    .setDatasetId(datasetId)
                    .setPurpose(job.purpose())
                    .setGlobalModel(global.proto())
                    .setHyperparameters(hyperparameters(job, round, datasetId))
                    .setPreprocessing(preprocessing)
                    .build();
            bytesOut += request.getSerializedSize();
            ConnectedCenter center = centers.get(datasetId);
            intake.expect(
                    datasetId,
                    center.cipher(),
                    center.stub()
                            .withDeadlineAfter(plan.roundDeadline().toNanos(), TimeUnit.NANOSECONDS)
                            .train(request));
        }
        return bytesOut;
    }

    /** What a round that produced an aggregate records: participants, absences, progress and training loss. */
    private static RoundResult result(
            JobAssignment job,
            int round,
            EncodedModel global,
            EncodedModel aggregate,
            List<UpdateCommitment> participants,
            List<Absence> absences,
            double lossSum,
            long samples,
            RoundAggregation aggregation) {
        double distance = aggregate.weights().distanceTo(global.weights());
        return new RoundResult(
                job.jobId(),
                round,
                participants,
                absences,
                aggregate.hash(),
                Map.of("train_loss", decimal(lossSum / samples), "samples", BigDecimal.valueOf(samples)),
                new RoundProgress(
                        global.hash(), decimal(distance), distance <= job.plan().epsilon()),
                aggregation);
    }

    /**
     * One round of a secure job ({@link SecureRound}): four fan-outs of calls, the masked inputs summed as they
     * arrive. All of it runs on this thread, so its CPU time is the coordinator's; the critical path is the round
     * until it is recorded, less the waiting for centers.
     */
    private RoundOutcome runSecureRound(
            JobAssignment job,
            int round,
            EncodedModel global,
            Map<String, ConnectedCenter> centers,
            JobPreprocessing preprocessing,
            ServerOptimizer optimizer) {
        TrainingPlan plan = job.plan();
        RoundTimer timer = new RoundTimer(cpu);
        RoundIntake intake = new SecureRound(
                        job,
                        round,
                        global.weights(),
                        sample(job, round),
                        centers,
                        id -> hyperparameters(job, round, id),
                        preprocessing)
                .run();
        count(intake.absences());
        countTraffic(intake.bytesOut(), intake.bytesIn(), intake.participants().size());
        if (intake.aggregate().isEmpty()) {
            failSecureRound(job, round, global, intake, optimizer);
        }
        // the optimizer needs only the sum secure aggregation reveals, so the two compose
        EncodedModel aggregate = EncodedModel.of(
                optimizer.apply(global.weights(), intake.aggregate().get()));
        RoundResult record = result(
                job,
                round,
                global,
                aggregate,
                intake.participants(),
                intake.absences(),
                intake.lossSum(),
                intake.samples(),
                intake.aggregation());
        save(job.jobId(), round, aggregate, optimizer);
        ledger.recordRound(record);
        timer.recorded((step, nanos) -> {});
        Duration coordinatorCpu = timer.cpuUntilRecorded();

        Evaluated evaluated = evaluate(job, round, aggregate, centers, preprocessing);
        Duration roundTime = timer.elapsed();
        Duration criticalPath = timer.untilRecordedLess(intake.waitingNanos());
        recordTimes(roundTime, criticalPath, coordinatorCpu);
        RoundReport report = new RoundReport(
                record,
                evaluated.metrics(),
                evaluated.confusion(),
                roundTime,
                criticalPath,
                coordinatorCpu,
                coordinatorCpu,
                Duration.ofNanos((long) (intake.slowestTrainingSeconds() * 1e9)),
                intake.bytesOut(),
                intake.bytesIn(),
                Duration.ofNanos((long) (intake.slowestMaskingSeconds() * 1e9)));
        return new RoundOutcome(aggregate, report);
    }

    /**
     * A secure round below its threshold: recorded as FAILED with no contributions and the model unchanged (stored
     * again under this round, so a restart resumes after it), then the job stops with {@link RoundFailedException}.
     */
    private void failSecureRound(
            JobAssignment job, int round, EncodedModel global, RoundIntake intake, ServerOptimizer optimizer) {
        RoundResult record = new RoundResult(
                job.jobId(),
                round,
                List.of(),
                intake.absences(),
                global.hash(),
                Map.of(),
                new RoundProgress(global.hash(), BigDecimal.ZERO, false),
                intake.aggregation());
        save(job.jobId(), round, global, optimizer);
        ledger.recordRound(record);
        Counter.builder("fdc.coordinator.failed.rounds")
                .description("secure rounds that fell below their threshold and were recorded as failed")
                .register(meters)
                .increment();
        throw new RoundFailedException(
                "job " + job.jobId() + " round " + round + ": secure aggregation failed ("
                        + intake.aggregation().secure().failure() + ", threshold "
                        + intake.aggregation().secure().threshold() + "); recorded as failed; absent: "
                        + intake.absences(),
                intake.absences());
    }

    /**
     * Stores a round's model and, with a server optimizer, its state (m, v), both before the round is recorded: a
     * resumed job continues from exactly this state.
     */
    private void save(String jobId, int round, EncodedModel model, ServerOptimizer optimizer) {
        store.saveRound(jobId, round, model);
        if (optimizer.active()) {
            store.saveOptimizerState(jobId, round, optimizer.state());
        }
    }

    /** Local training settings of one center in one round; the learning rate follows the job's schedule. */
    static Hyperparameters hyperparameters(JobAssignment job, int round, String datasetId) {
        TrainingPlan plan = job.plan();
        return Hyperparameters.newBuilder()
                .setLocalEpochs(plan.localEpochs())
                .setLearningRate(plan.learningRateAt(round, job.maxRounds()))
                .setBatchSize(plan.batchSize())
                .setProxMu(plan.proxMu())
                .setSeed(centerSeed(plan.seed(), round, datasetId))
                .build();
    }

    private void countTraffic(long bytesOut, long bytesIn, int participants) {
        Counter.builder("fdc.coordinator.sent")
                .description("request bytes sent to the centers (global models; secure-aggregation messages)")
                .baseUnit("bytes")
                .register(meters)
                .increment(bytesOut);
        Counter.builder("fdc.coordinator.received")
                .description("response bytes received from the centers (sealed or masked updates)")
                .baseUnit("bytes")
                .register(meters)
                .increment(bytesIn);
        DistributionSummary.builder("fdc.coordinator.participants")
                .description("centers whose update a round accepted")
                .register(meters)
                .record(participants);
    }

    private void recordTimes(Duration round, Duration criticalPath, Duration coordinatorCpu) {
        Timer.builder("fdc.coordinator.round")
                .description("a round from its first request to its federated evaluation")
                .register(meters)
                .record(round);
        Timer.builder("fdc.coordinator.overhead")
                .description("the coordinator's critical path in a round: sending the requests, then from the last"
                        + " answer's arrival until the round is recorded (secure rounds: the round until recorded,"
                        + " less the waiting)")
                .register(meters)
                .record(criticalPath);
        Timer.builder("fdc.coordinator.cpu")
                .description("CPU time of all the coordinator's work in a round, over all its threads")
                .register(meters)
                .record(coordinatorCpu);
    }

    private void stage(String name, long nanos) {
        Timer.builder("fdc.coordinator.stage")
                .description("the coordinator's critical path after the last answer arrived, by step")
                .tag("step", name)
                .register(meters)
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
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

    private record Evaluated(Map<String, Double> metrics, long[][] confusion) {}

    /** Federated evaluation: every center scores the model on its test split; metrics are pooled by samples. */
    private Evaluated evaluate(
            JobAssignment job,
            int round,
            EncodedModel model,
            Map<String, ConnectedCenter> centers,
            JobPreprocessing preprocessing) {
        return evaluated(job, sendEvaluations(job, round, model, centers, preprocessing));
    }

    /** Asks every center to score the model on its test split; the answers come later. */
    private static Map<String, ListenableFuture<EvaluateResponse>> sendEvaluations(
            JobAssignment job,
            int round,
            EncodedModel model,
            Map<String, ConnectedCenter> centers,
            JobPreprocessing preprocessing) {
        Duration deadline = job.plan().roundDeadline().compareTo(MIN_EVALUATE_DEADLINE) < 0
                ? MIN_EVALUATE_DEADLINE
                : job.plan().roundDeadline();
        Model proto = model.proto();
        Map<String, ListenableFuture<EvaluateResponse>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, ConnectedCenter> center : centers.entrySet()) {
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
                                    .setPreprocessing(preprocessing)
                                    .build()));
        }
        return pending;
    }

    /** The centers' scores of the model, pooled by samples; a center that did not answer is left out. */
    private static Evaluated evaluated(JobAssignment job, Map<String, ListenableFuture<EvaluateResponse>> pending) {
        Map<String, Object> answers = CenterCalls.await(pending);
        int k = job.plan().spec().outputCount();
        boolean classification = job.plan().spec().task() == Task.CLASSIFICATION;
        long[][] confusion = classification ? new long[k][k] : new long[0][];
        double lossSum = 0;
        long samples = 0;
        List<RegressionMetrics.Part> regression = new ArrayList<>();
        for (Object answer : answers.values()) {
            if (!(answer instanceof EvaluateResponse response) || response.getSampleCount() == 0) {
                continue;
            }
            samples += response.getSampleCount();
            if (classification) {
                lossSum += response.getMetrics().getValuesOrDefault("loss", 0) * response.getSampleCount();
                if (response.getConfusionCount() == k * k) {
                    for (int i = 0; i < k * k; i++) {
                        confusion[i / k][i % k] += response.getConfusion(i);
                    }
                }
            } else {
                regression.add(new RegressionMetrics.Part(
                        response.getSampleCount(), response.getMetrics().getValuesMap()));
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
                metrics.putAll(RegressionMetrics.pool(regression));
            }
        }
        return new Evaluated(metrics, confusion);
    }

    /**
     * Samples max(quorum, ceil(C x K)) of the K centers, seeded by the job seed and the round; public so that a
     * test (or an auditor) can recompute who was asked.
     */
    public List<String> sample(JobAssignment job, int round) {
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

    private Map<String, ConnectedCenter> connect(JobAssignment job, List<UclAddress> ucls, String schemaHash) {
        Map<String, ConnectedCenter> centers = new TreeMap<>();
        for (UclAddress ucl : ucls) {
            CenterEndpoint endpoint = directory.connect(ucl);
            FederationGrpc.FederationFutureStub stub = ConnectedCenter.stub(endpoint.channel());
            checkDescription(ucl, stub, schemaHash);
            byte[] key = JobKeyAgreement.deriveJobKey(
                    identity.agreementKeys().getPrivate(),
                    identity.agreementKeys().getPublic(),
                    endpoint.agreementKey(),
                    job.jobId());
            UpdateCipher cipher = new UpdateCipher(key, random);
            LOG.debug("job {}: center {} connected, AES-GCM engine {}", job.jobId(), ucl.datasetId(), cipher.engine());
            centers.put(
                    ucl.datasetId(),
                    new ConnectedCenter(ucl, endpoint.channel(), stub, cipher, endpoint.agreementKey()));
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

    private static String commonSchemaHash(JobAssignment job, List<UclAddress> ucls) {
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
            JobAssignment job,
            List<UclAddress> ucls,
            String schemaHash,
            Preprocessing preprocessing,
            List<String> roundHashes,
            String finalHash,
            boolean converged) {
        TrainingPlan plan = job.plan();
        return new ModelProvenance(
                job.jobId(),
                "fdc-fabric coordinator (" + (plan.aggregation().secure() ? "secure " : "")
                        + plan.aggregation().aggregator().text() + serverOptimizerText(plan) + ") over "
                        + plan.spec().family().wireName()
                        + " local trainers" + scheduleText(plan),
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
                converged,
                preprocessing.hash(),
                preprocessing.transform());
    }

    /** The server optimizer and its terms, for the provenance's trainer line; empty without one. */
    private static String serverOptimizerText(TrainingPlan plan) {
        var server = plan.serverOptimizer();
        if (server.kind() == TrainingTerms.ServerOptimizerKind.NONE) {
            return "";
        }
        return ", server " + server.kind().wireName() + "(lr=" + plain(server.learningRate()) + ", beta1="
                + plain(server.beta1()) + ", beta2=" + plain(server.beta2()) + ", tau=" + plain(server.tau()) + ")";
    }

    /** The clients' learning-rate schedule, for the provenance's trainer line; empty when constant. */
    private static String scheduleText(TrainingPlan plan) {
        var schedule = plan.schedule();
        return switch (schedule.kind()) {
            case CONSTANT -> "";
            case STEP -> ", learning rate x" + plain(schedule.decay()) + " every " + schedule.stepRounds() + " rounds";
            case EXPONENTIAL -> ", learning rate x" + plain(schedule.decay()) + " per round";
            case COSINE -> ", cosine learning rate down to " + plain(schedule.min());
        };
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
