package org.fdcfabric.devnet.msp;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fdcfabric.protocol.Signatures;

/**
 * Signature verification with a memory of recent outcomes. In one process several Fabric roles check the very same
 * signature (each endorsing peer the proposal's, the orderer and the committer the envelope's, the committer the
 * endorsements its own peers made); the outcome depends only on the signer's certificate, the message and the
 * signature, so it is remembered under SHA-256 of all three. Signatures the devnet's own nodes make are entered as
 * valid when they are made ({@link NodeSigner}): checking our own signature over the same bytes proves nothing new.
 * Bounded: the memory is dropped when full.
 */
final class SignatureChecks {
    private final int limit;
    private final Map<ByteString, Boolean> outcomes = new ConcurrentHashMap<>();

    SignatureChecks(int limit) {
        this.limit = limit;
    }

    /**
     * @param certificateId the SHA-256 of the signer's certificate, which {@code verifier} was made from
     */
    boolean verify(byte[] certificateId, Signatures.Verifier verifier, byte[] message, byte[] signature) {
        if (signature == null) {
            return false;
        }
        ByteString memoKey = memoKey(certificateId, message, signature);
        Boolean known = outcomes.get(memoKey);
        if (known != null) {
            return known;
        }
        if (outcomes.size() >= limit) {
            outcomes.clear();
        }
        // computeIfAbsent, not get-then-put: the endorsing peers check the same proposal at the same moment, and
        // the later ones wait for the first outcome instead of repeating the elliptic-curve work.
        return outcomes.computeIfAbsent(memoKey, key -> verifier.verify(message, signature));
    }

    /** Enters a signature the caller has just made with the private key of the certificate {@code certificateId}. */
    void rememberOwn(byte[] certificateId, byte[] message, byte[] signature) {
        if (outcomes.size() >= limit) {
            outcomes.clear();
        }
        outcomes.put(memoKey(certificateId, message, signature), true);
    }

    int size() {
        return outcomes.size();
    }

    private static ByteString memoKey(byte[] certificateId, byte[] message, byte[] signature) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(certificateId);
            sha.update(intBytes(message.length));
            sha.update(message);
            sha.update(signature);
            return ByteString.copyFrom(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
