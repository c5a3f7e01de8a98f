package org.fdcfabric.protocol.secagg;

import java.security.MessageDigest;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InputChecks;

/**
 * A hash commitment to one shared seed, published with the shares. The coordinator accepts a reconstructed seed
 * only if it matches, which is how wrong shares are caught. Seeds are 256 uniformly random bits, so the hash hides
 * them.
 */
public record SecretCommitment(SecretId secret, byte[] digest) {
    public SecretCommitment {
        InputChecks.present(secret, SecAggCodes.INVALID_MESSAGE, "secret");
        InputChecks.present(digest, SecAggCodes.INVALID_MESSAGE, "digest");
        InputChecks.require(digest.length == 32, SecAggCodes.INVALID_MESSAGE, "digest must be 32 bytes");
        digest = digest.clone();
    }

    public static SecretCommitment of(SessionId session, SecretId secret, byte[] seed) {
        return new SecretCommitment(secret, hash(session, secret, seed));
    }

    public boolean matches(SessionId session, byte[] seed) {
        return MessageDigest.isEqual(digest, hash(session, secret, seed));
    }

    private static byte[] hash(SessionId session, SecretId secret, byte[] seed) {
        return Hashes.sha256(secret.addTo(session.transcript("fdc-secagg/commit/v1"))
                .add(seed)
                .bytes());
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
