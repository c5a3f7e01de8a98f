package org.fdcfabric.protocol.secagg;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Keys two centers share without talking to each other: ECDH (P-256) between their organisation keys, expanded by
 * HKDF-SHA256 with the session and both centers' advertised nonces. One agreement gives the pairwise mask seed and
 * the key that protects the shares one center sends the other.
 */
public final class PairwiseKeys {
    private static final byte[] SALT = "fdc-secagg/hkdf-salt/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final byte[] sharedSecret;
    private final SessionId session;
    private final AdvertiseKeys low;
    private final AdvertiseKeys high;

    private PairwiseKeys(byte[] sharedSecret, SessionId session, AdvertiseKeys a, AdvertiseKeys b) {
        this.sharedSecret = sharedSecret;
        this.session = session;
        boolean aFirst = a.centerId().compareTo(b.centerId()) < 0;
        this.low = aFirst ? a : b;
        this.high = aFirst ? b : a;
    }

    /**
     * Agrees with a peer. Both sides get the same keys whichever of them calls.
     *
     * @param own this center's advertisement (its nonce)
     * @param peer the peer's advertisement, already verified against {@code peerKey}
     */
    public static PairwiseKeys agree(
            PrivateKey ownKey, PublicKey peerKey, SessionId session, AdvertiseKeys own, AdvertiseKeys peer) {
        return derive(ecdh(ownKey, peerKey), session, own, peer);
    }

    /**
     * The raw ECDH secret of two organisation keys. It does not change between sessions, so a center may compute it
     * once per peer and pass it to {@link #derive} every round.
     */
    public static byte[] ecdh(PrivateKey ownKey, PublicKey peerKey) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ownKey);
            agreement.doPhase(peerKey, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH failed: keys must both be on P-256", e);
        }
    }

    /** The session's keys from an ECDH secret computed earlier with {@link #ecdh}. */
    public static PairwiseKeys derive(byte[] sharedSecret, SessionId session, AdvertiseKeys own, AdvertiseKeys peer) {
        session.requireSame(own.session());
        session.requireSame(peer.session());
        if (own.centerId().equals(peer.centerId())) {
            throw new IllegalArgumentException("a center has no pairwise key with itself");
        }
        return new PairwiseKeys(sharedSecret.clone(), session, own, peer);
    }

    /** The seed of the mask the lower-named center adds and the higher-named center subtracts. */
    public byte[] maskSeed() {
        return derive(base("pair-mask"));
    }

    /** The single-use AES-256-GCM key for the shares {@code ownerId} sends to {@code holderId}. */
    public byte[] shareKey(String ownerId, String holderId) {
        return derive(base("share-key").add(ownerId).add(holderId));
    }

    private Transcript base(String purpose) {
        return session.transcript("fdc-secagg/" + purpose + "/v1")
                .add(low.centerId())
                .add(high.centerId())
                .add(low.nonce())
                .add(high.nonce());
    }

    private byte[] derive(Transcript info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(sharedSecret, SALT, info.bytes()));
        byte[] out = new byte[Seeds.BYTES];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }
}
