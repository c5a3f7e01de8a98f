package org.fdcfabric.datacenter.masking;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.HeldShare;
import org.fdcfabric.protocol.secagg.MaskGenerator;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.PairwiseKeys;
import org.fdcfabric.protocol.secagg.RevealedShare;
import org.fdcfabric.protocol.secagg.SecAggCodes;
import org.fdcfabric.protocol.secagg.SecretCommitment;
import org.fdcfabric.protocol.secagg.SecretId;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.Share;
import org.fdcfabric.protocol.secagg.ShareBundle;
import org.fdcfabric.protocol.secagg.ShareBundleCipher;
import org.fdcfabric.protocol.secagg.ShareKeys;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;
import org.fdcfabric.protocol.secagg.UnmaskingResponse;

/**
 * One data center in one secure-aggregation session (made by {@link MaskingCenter#join}), as a state machine that moves strictly forward: advertise,
 * share keys, send the masked input, reveal shares once. Every message from the coordinator is checked before it
 * changes anything; a refused message throws {@link InvalidInputException} and leaves the state as it was.
 *
 * <p>Not thread-safe: a center drives one session from one thread.
 */
public final class MaskingParticipant {
    private enum Phase {
        NEW,
        ADVERTISED,
        SHARED,
        MASKED,
        REVEALED
    }

    private final MaskingCenter center;
    private final String centerId;
    private final SessionId session;
    private final int threshold;

    private Phase phase = Phase.NEW;
    private AdvertiseKeys own;
    private List<String> roster;
    private final Map<String, PairwiseKeys> pairKeys = new HashMap<>();
    private final Map<String, byte[]> pairSeeds = new HashMap<>();
    private byte[] selfSeed;
    private final Map<SecretId, Share> held = new HashMap<>();
    private Set<String> maskedWith;

    MaskingParticipant(MaskingCenter center, SessionId session) {
        this.center = center;
        this.centerId = center.centerId();
        this.session = session;
        this.threshold = center.threshold();
    }

    public AdvertiseKeys advertise() {
        requirePhase(Phase.NEW);
        byte[] nonce = new byte[AdvertiseKeys.NONCE_BYTES];
        center.random().nextBytes(nonce);
        own = new AdvertiseKeys(
                session, centerId, nonce, center.sign(AdvertiseKeys.signedBytes(session, centerId, nonce)));
        phase = Phase.ADVERTISED;
        return own;
    }

    /**
     * Checks the roster the coordinator broadcast (every advertisement signed by a known organisation, this
     * center's own unchanged, at least {@code threshold} and fewer than {@code 2 * threshold} centers), then derives
     * the pairwise seeds, draws the self-mask seed and deals shares of all of them.
     */
    public ShareKeys shareKeys(List<AdvertiseKeys> advertisements) {
        requirePhase(Phase.ADVERTISED);
        Map<String, AdvertiseKeys> byCenter = checkRoster(advertisements);
        List<String> ids = new ArrayList<>(byCenter.keySet());
        List<Integer> xs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            xs.add(i + 1);
        }
        Map<String, PairwiseKeys> keys = new HashMap<>();
        Map<String, byte[]> seeds = new HashMap<>();
        for (String peer : ids) {
            if (!peer.equals(centerId)) {
                PairwiseKeys k = PairwiseKeys.derive(center.sharedSecretWith(peer), session, own, byCenter.get(peer));
                keys.put(peer, k);
                seeds.put(peer, k.maskSeed());
            }
        }
        byte[] self = new byte[32];
        center.random().nextBytes(self);

        Map<SecretId, byte[]> secrets = new LinkedHashMap<>();
        secrets.put(SecretId.self(centerId), self);
        for (String peer : ids) {
            if (!peer.equals(centerId)) {
                secrets.put(SecretId.pair(centerId, peer), seeds.get(peer));
            }
        }

        ShareDealer dealer = new ShareDealer(center.random());
        Map<String, List<HeldShare>> perHolder = new TreeMap<>();
        List<SecretCommitment> commitments = new ArrayList<>();
        for (Map.Entry<SecretId, byte[]> secret : secrets.entrySet()) {
            commitments.add(SecretCommitment.of(session, secret.getKey(), secret.getValue()));
            List<Share> shares = dealer.split(secret.getValue(), threshold, xs);
            for (int i = 0; i < ids.size(); i++) {
                perHolder
                        .computeIfAbsent(ids.get(i), h -> new ArrayList<>())
                        .add(HeldShare.of(secret.getKey(), shares.get(i)));
            }
        }
        List<EncryptedShares> sealed = new ArrayList<>();
        Map<SecretId, Share> mine = new HashMap<>();
        for (Map.Entry<String, List<HeldShare>> entry : perHolder.entrySet()) {
            String holder = entry.getKey();
            if (holder.equals(centerId)) {
                entry.getValue().forEach(h -> mine.put(h.secret(), h.share()));
            } else {
                sealed.add(ShareBundleCipher.seal(
                        keys.get(holder).shareKey(centerId, holder),
                        session,
                        new ShareBundle(centerId, holder, entry.getValue())));
            }
        }
        ShareKeys message = new ShareKeys(session, centerId, commitments, sealed);
        roster = List.copyOf(ids);
        pairKeys.putAll(keys);
        pairSeeds.putAll(seeds);
        selfSeed = self;
        held.putAll(mine);
        phase = Phase.SHARED;
        return message;
    }

    /**
     * Opens the shares the other centers dealt to this one (their senders are the centers that passed the sharing
     * step), then masks the update against exactly those centers.
     *
     * @param update the model update, each value finite and within the codec's bound
     * @param sampleCount the samples the update was trained on (its FedAvg weight)
     */
    public MaskedInput maskedInput(List<EncryptedShares> received, float[] update, long sampleCount) {
        requirePhase(Phase.SHARED);
        return mask(received, center.codec().encode(update, sampleCount));
    }

    /**
     * As {@link #maskedInput(List, float[], long)}, for a vector the caller has already encoded into Z_2^64 (the
     * statistics round: {@link org.fdcfabric.protocol.secagg.StatisticsCodec}).
     */
    public MaskedInput maskedInput(List<EncryptedShares> received, long[] encoded) {
        requirePhase(Phase.SHARED);
        return mask(received, encoded.clone());
    }

    private MaskedInput mask(List<EncryptedShares> received, long[] masked) {
        Map<SecretId, Share> opened = new HashMap<>();
        Set<String> partners = new TreeSet<>();
        int myX = roster.indexOf(centerId) + 1;
        for (EncryptedShares sealed : received) {
            String owner = sealed.ownerId();
            InputChecks.require(
                    sealed.holderId().equals(centerId), SecAggCodes.WRONG_SHARE, "bundle for another holder");
            InputChecks.require(
                    pairKeys.containsKey(owner), SecAggCodes.UNKNOWN_CENTER, owner + " is not in the roster");
            InputChecks.require(partners.add(owner), SecAggCodes.DUPLICATE_SHARE, "two bundles from " + owner);
            ShareBundle bundle = ShareBundleCipher.open(pairKeys.get(owner).shareKey(owner, centerId), session, sealed);
            Set<SecretId> expected = expectedSecretsOf(owner);
            InputChecks.require(
                    bundle.shares().size() == expected.size(),
                    SecAggCodes.WRONG_SHARE,
                    owner + " dealt the wrong shares");
            for (HeldShare share : bundle.shares()) {
                InputChecks.require(
                        expected.contains(share.secret()) && share.x() == myX,
                        SecAggCodes.WRONG_SHARE,
                        owner + " dealt a share that is not this center's");
                opened.put(share.secret(), share.share());
            }
        }
        InputChecks.require(
                partners.size() + 1 >= threshold,
                SecAggCodes.INCONSISTENT_REQUEST,
                "only " + (partners.size() + 1) + " centers shared keys; the threshold is " + threshold);
        MaskGenerator prg = new MaskGenerator();
        prg.apply(selfSeed, masked, 1);
        for (String peer : partners) {
            prg.apply(pairSeeds.get(peer), masked, centerId.compareTo(peer) < 0 ? 1 : -1);
        }
        held.putAll(opened);
        maskedWith = Set.copyOf(partners);
        phase = Phase.MASKED;
        return new MaskedInput(session, centerId, masked);
    }

    /**
     * Reveals, once, the shares the coordinator needs: self-mask seeds of the survivors and pairwise seeds between
     * each dropped center and the survivors. Refuses requests that are inconsistent with what this center saw, so
     * that no center's self-mask seed and pairwise seeds are both revealed.
     */
    public UnmaskingResponse unmask(UnmaskingRequest request) {
        requirePhase(Phase.MASKED);
        InputChecks.require(session.equals(request.session()), SecAggCodes.WRONG_SESSION, "request of another session");
        Set<String> sharedStep = new TreeSet<>(maskedWith);
        sharedStep.add(centerId);
        Set<String> claimed = new TreeSet<>(request.survivors());
        claimed.addAll(request.dropped());
        InputChecks.require(
                claimed.equals(sharedStep) && request.survivors().contains(centerId),
                SecAggCodes.INCONSISTENT_REQUEST,
                "survivors and dropped must partition the centers this one masked with, itself among the survivors");
        InputChecks.require(
                request.survivors().size() >= threshold,
                SecAggCodes.INCONSISTENT_REQUEST,
                "fewer survivors than the threshold");
        List<RevealedShare> reveal = new ArrayList<>();
        for (String survivor : request.survivors()) {
            SecretId id = SecretId.self(survivor);
            reveal.add(new RevealedShare(id, held.get(id)));
        }
        for (String gone : request.dropped()) {
            for (String survivor : request.survivors()) {
                SecretId id = SecretId.pair(gone, survivor);
                reveal.add(new RevealedShare(id, held.get(id)));
            }
        }
        phase = Phase.REVEALED;
        return new UnmaskingResponse(session, centerId, reveal);
    }

    private Map<String, AdvertiseKeys> checkRoster(List<AdvertiseKeys> advertisements) {
        Map<String, AdvertiseKeys> byCenter = new TreeMap<>();
        for (AdvertiseKeys ad : advertisements) {
            InputChecks.require(
                    session.equals(ad.session()), SecAggCodes.WRONG_SESSION, "advertisement of another session");
            InputChecks.require(
                    byCenter.put(ad.centerId(), ad) == null, SecAggCodes.DUPLICATE_MESSAGE, ad.centerId() + " twice");
            if (ad.centerId().equals(centerId)) {
                InputChecks.require(
                        Arrays.equals(ad.nonce(), own.nonce()), SecAggCodes.BAD_SIGNATURE, "own advertisement altered");
            } else {
                PublicKey key = center.publicKeyOf(ad.centerId());
                InputChecks.require(key != null, SecAggCodes.UNKNOWN_CENTER, ad.centerId() + " is not a known center");
                InputChecks.require(ad.verify(key), SecAggCodes.BAD_SIGNATURE, "bad signature from " + ad.centerId());
            }
        }
        InputChecks.require(
                byCenter.containsKey(centerId), SecAggCodes.INCONSISTENT_REQUEST, "roster omits this center");
        InputChecks.require(
                byCenter.size() >= threshold && byCenter.size() < 2 * threshold,
                SecAggCodes.INCONSISTENT_REQUEST,
                "roster of " + byCenter.size() + " does not fit threshold " + threshold + " (need t <= n < 2t)");
        return byCenter;
    }

    private Set<SecretId> expectedSecretsOf(String owner) {
        Set<SecretId> expected = new HashSet<>();
        expected.add(SecretId.self(owner));
        for (String peer : roster) {
            if (!peer.equals(owner)) {
                expected.add(SecretId.pair(owner, peer));
            }
        }
        return expected;
    }

    private void requirePhase(Phase expected) {
        if (phase != expected) {
            throw new InvalidInputException(
                    SecAggCodes.WRONG_PHASE, "center " + centerId + " is at " + phase + ", not " + expected);
        }
    }
}
