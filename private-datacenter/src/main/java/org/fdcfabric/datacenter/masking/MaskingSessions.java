package org.fdcfabric.datacenter.masking;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.SecAggCodes;
import org.fdcfabric.protocol.secagg.SessionId;

/**
 * A data center's secure-aggregation state across jobs and rounds: one {@link MaskingCenter} per (job, dataset,
 * threshold), so ECDH secrets are reused within a job, and one {@link MaskingParticipant} per (job, round, dataset)
 * until it has revealed its shares. Both are bounded (least recently used go first), so a caller cannot grow the
 * center's memory without bound.
 *
 * <p>A (job, round, dataset) that has sent its masked input never joins another session: the same update masked
 * twice under different survivor sets would let the coordinator subtract one sum from the other. Jobs that used
 * secure aggregation are remembered, so that the plain Train call can refuse them.
 */
public final class MaskingSessions {
    static final int MAX_JOBS = 64;
    static final int MAX_SESSIONS = 256;
    static final int MAX_SPENT = 16_384;

    private final PrivateKey orgKey;
    private final MaskingPeers peers;
    private final SecureRandom random;
    private final Map<String, MaskingCenter> centers = lru(MAX_JOBS);
    private final Map<String, MaskingParticipant> sessions = lru(MAX_SESSIONS);
    private final Map<String, Boolean> spent = lru(MAX_SPENT);
    private final Map<String, Boolean> secureJobs = lru(MAX_SPENT);

    public MaskingSessions(PrivateKey orgKey, MaskingPeers peers, SecureRandom random) {
        this.orgKey = orgKey;
        this.peers = peers;
        this.random = random;
    }

    public boolean enabled() {
        return !peers.organisationKeys().isEmpty();
    }

    /** Whether this center has taken part in secure aggregation for the job (its updates leave masked only). */
    public synchronized boolean isSecureJob(String jobId) {
        return secureJobs.containsKey(jobId);
    }

    /**
     * Starts (or restarts, if it has not masked yet) this dataset's side of a session.
     *
     * @throws InvalidInputException {@code SECAGG_SESSION_REUSED} if the dataset already sent a masked input for
     *     this job and round
     */
    public synchronized MaskingParticipant join(SessionId session, String datasetId, int threshold) {
        String key = sessionKey(session, datasetId);
        if (spent.containsKey(key)) {
            throw new InvalidInputException(
                    SecAggCodes.SESSION_REUSED,
                    datasetId + " already sent its masked input for job " + session.jobId() + " round "
                            + session.round());
        }
        MaskingCenter center = centers.computeIfAbsent(
                session.jobId() + "\n" + datasetId + "\n" + threshold,
                k -> new MaskingCenter(
                        datasetId, orgKey, peers.organisationKeys(), threshold, FixedPointCodec.DEFAULT, random));
        MaskingParticipant participant = center.join(session);
        sessions.put(key, participant);
        secureJobs.put(session.jobId(), Boolean.TRUE);
        return participant;
    }

    /** The participant of a running session, if this center joined it and has not finished it. */
    public synchronized Optional<MaskingParticipant> participant(SessionId session, String datasetId) {
        return Optional.ofNullable(sessions.get(sessionKey(session, datasetId)));
    }

    /** Called once the masked input has left: the session can never be joined again. */
    public synchronized void markMasked(SessionId session, String datasetId) {
        spent.put(sessionKey(session, datasetId), Boolean.TRUE);
    }

    /** Called once the shares are revealed: nothing more is asked of this session. */
    public synchronized void finish(SessionId session, String datasetId) {
        sessions.remove(sessionKey(session, datasetId));
    }

    private static String sessionKey(SessionId session, String datasetId) {
        return session.jobId() + "\n" + session.round() + "\n" + datasetId;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
