package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Message;
import io.grpc.StatusRuntimeException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationConfig;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationRound;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.federation.AdvertiseKeysRequest;
import org.fdcfabric.protocol.federation.AdvertiseKeysResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.KeyAdvertisement;
import org.fdcfabric.protocol.federation.SealedShares;
import org.fdcfabric.protocol.federation.SecAggSession;
import org.fdcfabric.protocol.federation.ShareKeysRequest;
import org.fdcfabric.protocol.federation.ShareKeysResponse;
import org.fdcfabric.protocol.federation.UnmaskRequest;
import org.fdcfabric.protocol.federation.UnmaskResponse;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.SecAggWire;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one secure-aggregation session over the centers' Federation service, whatever the masked vector
 * holds: advertise keys, share keys, the masked step ({@link MaskedStep}: masked training in a training round,
 * masked statistics in a job's statistics round 0) and unmasking, each a fan-out with the job's round deadline.
 * {@link SecureAggregationRound} checks every message and sums the masked inputs as they arrive. A center that
 * misses a step, or whose message is refused, becomes an {@link Absence}; the session survives down to the
 * threshold t.
 */
final class SecAggExchange {
    private static final Logger LOG = LoggerFactory.getLogger(SecAggExchange.class);

    /** The step between sharing keys and unmasking: what each center is asked for and how its answer is taken. */
    interface MaskedStep<Q extends Message, R extends Message> {
        /** The request to one center, carrying the share bundles the others dealt to it. */
        Q request(String datasetId, SecAggSession session, List<SealedShares> shares);

        ListenableFuture<R> call(FederationGrpc.FederationFutureStub stub, Q request);

        /**
         * Checks one answer and gives its masked input to {@code state}.
         *
         * @throws InvalidInputException to refuse the answer (the center becomes an absence)
         */
        void accept(String datasetId, R response, SecureAggregationRound state);
    }

    private final JobAssignment job;
    private final int round;
    private final Map<String, ConnectedCenter> centers = new TreeMap<>();
    private final Duration deadline;
    private final SessionId session;
    private final int threshold;
    private final SecureAggregationRound state;
    private final Map<String, Absence> absences = new TreeMap<>();
    private long bytesOut;
    private long bytesIn;
    private long waitingNanos;

    /**
     * @param sampled the centers of the session (sorted)
     * @param config the threshold, vector length and model codec of the session
     */
    SecAggExchange(
            JobAssignment job,
            int round,
            List<String> sampled,
            Map<String, ConnectedCenter> connected,
            SecureAggregationConfig config) {
        this.job = job;
        this.round = round;
        Map<String, PublicKey> directory = new TreeMap<>();
        for (String datasetId : sampled) {
            ConnectedCenter center = connected.get(datasetId);
            centers.put(datasetId, center);
            directory.put(datasetId, center.organisationKey());
        }
        this.deadline = job.plan().roundDeadline();
        this.session = new SessionId(job.jobId(), round);
        this.threshold = config.threshold();
        this.state = new SecureAggregationRound(session, config, directory);
    }

    /**
     * Advertising, sharing, the masked step and, if at least t masked inputs arrived, the unmasking calls. The
     * caller then finishes {@link #state()}; if this returns empty, the state's outcome says which step failed.
     */
    <Q extends Message, R extends Message> Optional<UnmaskingRequest> run(MaskedStep<Q, R> step) {
        Optional<UnmaskingRequest> unmasking =
                advertise().flatMap(this::shareKeys).flatMap(deliveries -> mask(deliveries, step));
        unmasking.ifPresent(this::unmask);
        return unmasking;
    }

    SecureAggregationRound state() {
        return state;
    }

    SessionId session() {
        return session;
    }

    /** Centers that missed a step or whose message was refused, by dataset id. */
    Map<String, Absence> absences() {
        return absences;
    }

    long bytesOut() {
        return bytesOut;
    }

    long bytesIn() {
        return bytesIn;
    }

    long waitingNanos() {
        return waitingNanos;
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

    private <Q extends Message, R extends Message> Optional<UnmaskingRequest> mask(
            Map<String, List<EncryptedShares>> deliveries, MaskedStep<Q, R> step) {
        Map<String, ListenableFuture<R>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, List<EncryptedShares>> delivery : deliveries.entrySet()) {
            String datasetId = delivery.getKey();
            Q request = step.request(
                    datasetId,
                    session(datasetId),
                    delivery.getValue().stream().map(SecAggWire::toProto).toList());
            bytesOut += request.getSerializedSize();
            pending.put(datasetId, step.call(stub(datasetId), request));
        }
        for (Map.Entry<String, Object> answer : await(pending).entrySet()) {
            String datasetId = answer.getKey();
            if (answer.getValue() instanceof StatusRuntimeException) {
                missed(datasetId, "masked input", answer.getValue());
            } else {
                @SuppressWarnings("unchecked") // the future of this center's call of step
                R response = (R) answer.getValue();
                bytesIn += response.getSerializedSize();
                accept(datasetId, "masked input", () -> step.accept(datasetId, response, state));
            }
        }
        return state.closeMasking();
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
