package org.fdcfabric.protocol.secagg;

import org.fdcfabric.protocol.InputChecks;

/**
 * Names one shared secret: the self-mask seed of {@code ownerId} (peerId empty) or the seed of the pairwise mask
 * between {@code ownerId} and {@code peerId} as shared by the owner.
 */
public record SecretId(String ownerId, SecretKind kind, String peerId) {
    public SecretId {
        CenterIds.check(ownerId, "ownerId");
        InputChecks.present(kind, SecAggCodes.INVALID_MESSAGE, "kind");
        InputChecks.present(peerId, SecAggCodes.INVALID_MESSAGE, "peerId");
        if (kind == SecretKind.SELF_MASK) {
            InputChecks.require(peerId.isEmpty(), SecAggCodes.INVALID_MESSAGE, "a self-mask secret has no peer");
        } else {
            CenterIds.check(peerId, "peerId");
            InputChecks.require(
                    !peerId.equals(ownerId), SecAggCodes.INVALID_MESSAGE, "a center has no pair with itself");
        }
    }

    public static SecretId self(String ownerId) {
        return new SecretId(ownerId, SecretKind.SELF_MASK, "");
    }

    public static SecretId pair(String ownerId, String peerId) {
        return new SecretId(ownerId, SecretKind.PAIR_MASK, peerId);
    }

    Transcript addTo(Transcript t) {
        return t.add(ownerId).add(kind.name()).add(peerId);
    }
}
