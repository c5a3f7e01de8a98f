package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.learning.crypto.UpdateTamperedException;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.job.UsageSignatureWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in one round's updates as each one arrives, on the intake executor, while the other centers are still
 * training: checks that the answer is for this job, round and dataset, opens its AES-GCM seal, commits to the
 * plaintext (SHA-256) and decodes and checks the model. So after the last arrival only that update's own intake
 * remains before aggregation, instead of all of them.
 *
 * <p>The result lists updates in dataset-id order whatever the arrival order, so aggregation stays deterministic.
 */
final class UpdateIntake {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateIntake.class);

    private final String jobId;
    private final int round;
    private final ModelArchitecture spec;
    private final String schemaHash;
    private final Executor executor;
    private final CpuClock cpu;
    private final Timer openTimer;
    private final Timer decodeTimer;
    private final Timer commitTimer;
    private final Map<String, CompletableFuture<Arrival>> arrivals = new TreeMap<>();
    private final List<ListenableFuture<TrainResponse>> responses = new ArrayList<>();
    private final AtomicLong lastArrival = new AtomicLong(Long.MIN_VALUE);
    private final List<Work> work = Collections.synchronizedList(new ArrayList<>());

    UpdateIntake(
            String jobId,
            int round,
            ModelArchitecture spec,
            String schemaHash,
            Executor executor,
            CpuClock cpu,
            MeterRegistry meters) {
        this.jobId = jobId;
        this.round = round;
        this.spec = spec;
        this.schemaHash = schemaHash;
        this.executor = executor;
        this.cpu = cpu;
        this.openTimer = intakeTimer(meters, "open");
        this.decodeTimer = intakeTimer(meters, "decode");
        this.commitTimer = intakeTimer(meters, "commit");
    }

    /** open = AES-GCM, decode = protobuf parsing and model checks, commit = SHA-256 of the plaintext. */
    private static Timer intakeTimer(MeterRegistry meters, String step) {
        return Timer.builder("fdc.coordinator.intake")
                .description("taking in one center's update, by step")
                .tag("step", step)
                .register(meters);
    }

    /** One center's answer: taken in on the intake executor as soon as it completes. */
    void expect(String datasetId, UpdateCipher cipher, ListenableFuture<TrainResponse> response) {
        CompletableFuture<Arrival> arrival = new CompletableFuture<>();
        arrivals.put(datasetId, arrival);
        responses.add(response);
        // Stamp the arrival on the thread that completes the call, before any queueing behind other updates.
        response.addListener(
                () -> lastArrival.accumulateAndGet(System.nanoTime(), Math::max), MoreExecutors.directExecutor());
        response.addListener(
                () -> {
                    try {
                        executor.execute(() -> {
                            try {
                                arrival.complete(takeIn(datasetId, cipher, response));
                            } catch (RuntimeException | Error e) {
                                // A bug, not a bad update: fail the round loudly rather than wait forever.
                                arrival.completeExceptionally(e);
                            }
                        });
                    } catch (RejectedExecutionException e) {
                        arrival.complete(new Arrival.Missing(
                                new Absence(datasetId, Absence.Kind.FAILED, "coordinator is shutting down"), 0));
                    }
                },
                MoreExecutors.directExecutor());
    }

    /** Waits for every expected answer (each call carries the round's deadline) and its intake. */
    RoundUpdates await() {
        List<WeightedUpdate> accepted = new ArrayList<>();
        List<UpdateCommitment> participants = new ArrayList<>();
        List<Absence> absences = new ArrayList<>();
        double lossSum = 0;
        double slowestTraining = 0;
        long bytesIn = 0;
        for (Map.Entry<String, CompletableFuture<Arrival>> entry : arrivals.entrySet()) {
            Arrival arrival;
            try {
                arrival = entry.getValue().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                responses.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while waiting for centers", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("intake of " + entry.getKey() + " failed", e.getCause());
            }
            bytesIn += arrival.bytes();
            if (arrival instanceof Arrival.Accepted a) {
                accepted.add(a.update());
                participants.add(a.participation());
                lossSum += a.loss() * a.update().samples();
                slowestTraining = Math.max(slowestTraining, a.trainSeconds());
            } else if (arrival instanceof Arrival.Missing m) {
                absences.add(m.absence());
            }
        }
        long last = lastArrival.get();
        long cpuNanos = 0;
        double cpuAfterLast = 0;
        synchronized (work) {
            for (Work w : work) {
                cpuNanos += w.cpuNanos();
                cpuAfterLast += w.cpuAfter(last);
            }
        }
        return new RoundUpdates(
                accepted, participants, absences, lossSum, slowestTraining, bytesIn, last, cpuNanos, (long)
                        cpuAfterLast);
    }

    /** One answer's intake: when it ran (wall clock) and the CPU it used. */
    private record Work(long start, long end, long cpuNanos) {
        /** The CPU share of this work that ran after {@code instant}, assuming an even pace. */
        double cpuAfter(long instant) {
            if (end <= instant) {
                return 0;
            }
            if (start >= instant || end == start) {
                return cpuNanos;
            }
            return cpuNanos * (double) (end - instant) / (end - start);
        }
    }

    private Arrival takeIn(String datasetId, UpdateCipher cipher, ListenableFuture<TrainResponse> future) {
        long cpuStart = cpu.threadNanos();
        long start = System.nanoTime();
        try {
            TrainResponse response;
            try {
                response = future.get(0, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Status status = e.getCause() instanceof StatusRuntimeException s
                        ? s.getStatus()
                        : Status.UNKNOWN.withDescription(String.valueOf(e.getCause()));
                return new Arrival.Missing(CenterCalls.absence(datasetId, status), 0);
            } catch (CancellationException e) {
                return new Arrival.Missing(new Absence(datasetId, Absence.Kind.FAILED, "CANCELLED"), 0);
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("listener ran before the call completed", e);
            }
            long bytes = response.getSerializedSize();
            try {
                return accept(datasetId, cipher, response, bytes);
            } catch (IllegalArgumentException | UpdateTamperedException e) {
                LOG.warn("job {} round {}: rejected update of {}: {}", jobId, round, datasetId, e.getMessage());
                return new Arrival.Missing(new Absence(datasetId, Absence.Kind.REJECTED, e.getMessage()), bytes);
            }
        } finally {
            work.add(new Work(start, System.nanoTime(), cpu.threadNanos() - cpuStart));
        }
    }

    private Arrival.Accepted accept(String datasetId, UpdateCipher cipher, TrainResponse response, long bytes)
            throws UpdateTamperedException {
        if (!response.getJobId().equals(jobId)
                || response.getRound() != round
                || !response.getDatasetId().equals(datasetId)) {
            throw new IllegalArgumentException("response is for job " + response.getJobId() + " round "
                    + response.getRound() + " dataset " + response.getDatasetId());
        }
        if (response.getSampleCount() < 1) {
            throw new IllegalArgumentException("update claims " + response.getSampleCount() + " samples");
        }
        long t0 = System.nanoTime();
        byte[] plain = cipher.open(
                response.getUpdate().getNonce().toByteArray(),
                response.getUpdate().getCiphertext().toByteArray(),
                UpdateCipher.binding(jobId, round, datasetId));
        long t1 = System.nanoTime();
        ModelWeights update;
        try {
            update = ModelCodec.fromProto(Model.parseFrom(plain), schemaHash);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("update is not a model: " + e.getMessage());
        }
        if (!update.spec().equals(spec)) {
            throw new IllegalArgumentException("update has spec " + update.spec() + ", the job trains " + spec);
        }
        long t2 = System.nanoTime();
        String commitment = ModelCodec.sha256Hex(plain);
        long t3 = System.nanoTime();
        openTimer.record(t1 - t0, TimeUnit.NANOSECONDS);
        decodeTimer.record(t2 - t1, TimeUnit.NANOSECONDS);
        commitTimer.record(t3 - t2, TimeUnit.NANOSECONDS);
        return new Arrival.Accepted(
                new WeightedUpdate(datasetId, update, response.getSampleCount()),
                new UpdateCommitment(
                        datasetId,
                        response.getSampleCount(),
                        commitment,
                        UsageSignatureWire.fromProto(response.getUsage())),
                response.getLocalMetrics().getValuesOrDefault("loss", 0),
                response.getLocalMetrics().getValuesOrDefault("train_seconds", 0),
                bytes);
    }

    /** What became of one center's answer. */
    private sealed interface Arrival {
        long bytes();

        record Accepted(
                WeightedUpdate update, UpdateCommitment participation, double loss, double trainSeconds, long bytes)
                implements Arrival {}

        /** No update counts: no answer, a refusal, or a rejected update ({@code bytes} is 0 without an answer). */
        record Missing(Absence absence, long bytes) implements Arrival {}
    }
}
