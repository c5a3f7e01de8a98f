package org.fdcfabric.datacenter.masking;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.PairwiseKeys;
import org.fdcfabric.protocol.secagg.SecAggCodes;
import org.fdcfabric.protocol.secagg.SessionId;

/**
 * A data center's secure-aggregation identity for one training job: its organisation key, the organisation keys of
 * the centers it may be grouped with, and the job's threshold and encoding. Each round {@link #join}s a new
 * session. The ECDH secret with each peer depends only on the two organisation keys, so it is computed once per
 * peer and reused; every round still derives fresh seeds from it with that round's nonces.
 */
public final class MaskingCenter {
    private final String centerId;
    private final PrivateKey orgKey;
    private final Map<String, PublicKey> directory;
    private final int threshold;
    private final FixedPointCodec codec;
    private final SecureRandom random;
    private final Map<String, byte[]> sharedSecrets = new ConcurrentHashMap<>();

    /**
     * @param directory the organisation public key of every center that may take part (from their certificates)
     * @param threshold how many centers' shares rebuild a seed; more than half of any roster
     */
    public MaskingCenter(
            String centerId,
            PrivateKey orgKey,
            Map<String, PublicKey> directory,
            int threshold,
            FixedPointCodec codec,
            SecureRandom random) {
        InputChecks.require(threshold >= 2, SecAggCodes.INVALID_PARAMETERS, "threshold must be at least 2");
        this.centerId = centerId;
        this.orgKey = orgKey;
        this.directory = Map.copyOf(directory);
        this.threshold = threshold;
        this.codec = codec;
        this.random = random;
    }

    /** This center's side of one round's secure aggregation. */
    public MaskingParticipant join(SessionId session) {
        return new MaskingParticipant(this, session);
    }

    String centerId() {
        return centerId;
    }

    int threshold() {
        return threshold;
    }

    FixedPointCodec codec() {
        return codec;
    }

    SecureRandom random() {
        return random;
    }

    byte[] sign(byte[] message) {
        return Signatures.sign(orgKey, message);
    }

    /** The peer's organisation key, or null if it is not a known center. */
    PublicKey publicKeyOf(String peer) {
        return directory.get(peer);
    }

    byte[] sharedSecretWith(String peer) {
        return sharedSecrets.computeIfAbsent(peer, p -> PairwiseKeys.ecdh(orgKey, directory.get(p)));
    }
}
