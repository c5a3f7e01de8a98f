package org.fdcfabric.devnet.msp;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fdcfabric.protocol.Signatures;

/**
 * Signature verification with a memory of recent outcomes. In one process several Fabric roles check the very same
 * signature (each endorsing peer the proposal's, the orderer and the committer the envelope's); the outcome depends
 * only on key, message and signature, so it is remembered under SHA-256 of all three. Bounded: the memory is
 * dropped when full.
 */
final class SignatureChecks {
    private static final int LIMIT = 50_000;

    private final Map<ByteString, Boolean> outcomes = new ConcurrentHashMap<>();

    boolean verify(PublicKey key, byte[] message, byte[] signature) {
        ByteString memoKey = memoKey(key, message, signature);
        Boolean known = outcomes.get(memoKey);
        if (known != null) {
            return known;
        }
        boolean valid = Signatures.verify(key, message, signature);
        if (outcomes.size() >= LIMIT) {
            outcomes.clear();
        }
        outcomes.put(memoKey, valid);
        return valid;
    }

    private static ByteString memoKey(PublicKey key, byte[] message, byte[] signature) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] encodedKey = key.getEncoded();
            sha.update(intBytes(encodedKey.length));
            sha.update(encodedKey);
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
