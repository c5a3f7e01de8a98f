package org.fdcfabric.compute.aggregation.secure;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.DecodedSum;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.MaskGenerator;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.RevealedShare;
import org.fdcfabric.protocol.secagg.SecAggCodes;
import org.fdcfabric.protocol.secagg.SecretCommitment;
import org.fdcfabric.protocol.secagg.SecretId;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.Share;
import org.fdcfabric.protocol.secagg.ShareKeys;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;
import org.fdcfabric.protocol.secagg.UnmaskingResponse;

/**
 * The coordinator's state machine for one secure-aggregation round (Bonawitz et al. 2017, semi-honest variant):
 *
 * <pre>
 * ADVERTISING --closeAdvertising--> SHARING --closeSharing--> MASKING --closeMasking--> UNMASKING --finish--> COMPLETED
 *      \________________________________\____________________________\___________________________\--> FAILED
 * </pre>
 *
 * Each {@code accept} validates one center's message for the current phase and refuses (with an
 * {@link InvalidInputException}, state unchanged) anything out of phase, from an unknown center, duplicated or
 * malformed. Each {@code close} ends a phase with what arrived: if fewer than t centers made it, the round moves to
 * FAILED and the close returns empty; {@link #outcome()} then says why. Masked inputs are summed as they arrive,
 * so the coordinator never keeps a single center's vector.
 *
 * <p>Thread-safe: gRPC handlers for several centers may call it concurrently.
 */
public final class SecureAggregationRound {
    private final SessionId session;
    private final SecureAggregationConfig config;
    private final Map<String, PublicKey> directory;

    private SecureAggregationPhase phase = SecureAggregationPhase.ADVERTISING;
    private final Map<String, AdvertiseKeys> advertised = new TreeMap<>();
    private List<String> roster = List.of();
    private final Map<String, ShareKeys> shared = new TreeMap<>();
    private final Set<String> masked = new TreeSet<>();
    private long[] sum;
    private UnmaskingRequest unmaskingRequest;
    private final Map<String, UnmaskingResponse> responses = new TreeMap<>();
    private final Set<String> wrongShareHolders = new TreeSet<>();
    private SecureAggregationOutcome outcome;

    /** @param directory the organisation public key of every center that may take part */
    public SecureAggregationRound(SessionId session, SecureAggregationConfig config, Map<String, PublicKey> directory) {
        this.session = session;
        this.config = config;
        this.directory = Map.copyOf(directory);
    }

    public synchronized SecureAggregationPhase phase() {
        return phase;
    }

    public synchronized void accept(AdvertiseKeys message) {
        requirePhase(SecureAggregationPhase.ADVERTISING);
        requireSession(message.session());
        PublicKey key = directory.get(message.centerId());
        InputChecks.require(key != null, SecAggCodes.UNKNOWN_CENTER, message.centerId() + " is not a known center");
        InputChecks.require(
                !advertised.containsKey(message.centerId()),
                SecAggCodes.DUPLICATE_MESSAGE,
                message.centerId() + " already advertised");
        InputChecks.require(message.verify(key), SecAggCodes.BAD_SIGNATURE, "bad signature from " + message.centerId());
        advertised.put(message.centerId(), message);
    }

    /** Ends advertising; the roster (U1) goes to every center in it. */
    public synchronized Optional<List<AdvertiseKeys>> closeAdvertising() {
        requirePhase(SecureAggregationPhase.ADVERTISING);
        if (advertised.size() < config.threshold()) {
            fail(SecureAggregationFailure.TOO_FEW_ADVERTISED, advertised.size() + " advertised");
            return Optional.empty();
        }
        if (advertised.size() >= 2 * config.threshold()) {
            fail(
                    SecureAggregationFailure.THRESHOLD_NOT_A_MAJORITY,
                    advertised.size() + " advertised but threshold " + config.threshold() + " needs t > n/2");
            return Optional.empty();
        }
        roster = List.copyOf(advertised.keySet());
        phase = SecureAggregationPhase.SHARING;
        return Optional.of(List.copyOf(advertised.values()));
    }

    public synchronized void accept(ShareKeys message) {
        requirePhase(SecureAggregationPhase.SHARING);
        requireSession(message.session());
        String owner = message.ownerId();
        InputChecks.require(roster.contains(owner), SecAggCodes.UNKNOWN_CENTER, owner + " is not in the roster");
        InputChecks.require(!shared.containsKey(owner), SecAggCodes.DUPLICATE_MESSAGE, owner + " already shared");
        Set<String> holders = new TreeSet<>();
        message.shares().forEach(s -> holders.add(s.holderId()));
        Set<String> others = new TreeSet<>(roster);
        others.remove(owner);
        InputChecks.require(
                holders.equals(others), SecAggCodes.WRONG_SHARE, owner + " must deal one bundle to every other center");
        Set<SecretId> committed = new HashSet<>();
        message.commitments().forEach(c -> committed.add(c.secret()));
        InputChecks.require(
                committed.equals(secretsOf(owner)), SecAggCodes.WRONG_SHARE, owner + " committed to the wrong secrets");
        shared.put(owner, message);
    }

    /** Ends sharing; each center in U2 gets the bundles the others in U2 dealt to it. */
    public synchronized Optional<Map<String, List<EncryptedShares>>> closeSharing() {
        requirePhase(SecureAggregationPhase.SHARING);
        if (shared.size() < config.threshold()) {
            fail(SecureAggregationFailure.TOO_FEW_SHARED, shared.size() + " shared keys");
            return Optional.empty();
        }
        Map<String, List<EncryptedShares>> deliveries = new TreeMap<>();
        for (String holder : shared.keySet()) {
            List<EncryptedShares> inbox = new ArrayList<>();
            for (ShareKeys message : shared.values()) {
                message.shares().stream()
                        .filter(s -> s.holderId().equals(holder))
                        .forEach(inbox::add);
            }
            deliveries.put(holder, List.copyOf(inbox));
        }
        sum = new long[config.vectorLength() + 1];
        phase = SecureAggregationPhase.MASKING;
        return Optional.of(deliveries);
    }

    public synchronized void accept(MaskedInput message) {
        requirePhase(SecureAggregationPhase.MASKING);
        requireSession(message.session());
        String center = message.centerId();
        InputChecks.require(shared.containsKey(center), SecAggCodes.UNKNOWN_CENTER, center + " did not share keys");
        InputChecks.require(
                !masked.contains(center), SecAggCodes.DUPLICATE_MESSAGE, center + " already sent its input");
        InputChecks.require(
                message.length() == sum.length,
                SecAggCodes.WRONG_VECTOR_LENGTH,
                "masked input of " + message.length() + " slots; the model needs " + sum.length);
        message.addTo(sum);
        masked.add(center);
    }

    /** Ends masking; the unmasking request goes to every survivor (U3). */
    public synchronized Optional<UnmaskingRequest> closeMasking() {
        requirePhase(SecureAggregationPhase.MASKING);
        if (masked.size() < config.threshold()) {
            fail(SecureAggregationFailure.TOO_FEW_MASKED_INPUTS, masked.size() + " masked inputs arrived");
            return Optional.empty();
        }
        List<String> dropped = new ArrayList<>(shared.keySet());
        dropped.removeAll(masked);
        unmaskingRequest = new UnmaskingRequest(session, List.copyOf(masked), dropped);
        phase = SecureAggregationPhase.UNMASKING;
        return Optional.of(unmaskingRequest);
    }

    public synchronized void accept(UnmaskingResponse message) {
        requirePhase(SecureAggregationPhase.UNMASKING);
        requireSession(message.session());
        String holder = message.holderId();
        InputChecks.require(masked.contains(holder), SecAggCodes.UNKNOWN_CENTER, holder + " is not a survivor");
        InputChecks.require(
                !responses.containsKey(holder), SecAggCodes.DUPLICATE_MESSAGE, holder + " already answered");
        Set<SecretId> owed = owedSecrets();
        int x = roster.indexOf(holder) + 1;
        InputChecks.require(
                message.shares().size() == owed.size(), SecAggCodes.WRONG_SHARE, holder + " revealed the wrong shares");
        for (RevealedShare share : message.shares()) {
            InputChecks.require(
                    owed.contains(share.secret()), SecAggCodes.WRONG_SHARE, holder + " revealed " + share.secret());
            InputChecks.require(
                    share.share().x() == x, SecAggCodes.WRONG_SHARE, holder + " revealed a share not its own");
        }
        responses.put(holder, message);
    }

    /** Rebuilds the seeds, removes every leftover mask and decodes the weighted mean. */
    public synchronized SecureAggregationOutcome finish() {
        Optional<DecodedSum> decoded =
                finish((sum, contributors) -> config.codec().decode(sum));
        if (decoded.isPresent()) {
            outcome = new SecureAggregationOutcome(outcome.summary(), decoded, outcome.detail());
        }
        return outcome;
    }

    /**
     * Rebuilds the seeds, removes every leftover mask and hands the sum to {@code decoder}, for a vector that is not
     * a model update (the statistics round of a secure job). The outcome then carries no model aggregate; its total
     * is the sum's last slot. A decoder's {@link InvalidInputException} fails the round as masks that did not cancel.
     *
     * @return the decoded sum, or empty if the round failed ({@link #outcome()} says why)
     */
    public synchronized <T> Optional<T> finish(SumDecoder<T> decoder) {
        requirePhase(SecureAggregationPhase.UNMASKING);
        if (responses.size() < config.threshold()) {
            fail(SecureAggregationFailure.TOO_FEW_UNMASKING_RESPONSES, responses.size() + " centers answered");
            return Optional.empty();
        }
        MaskGenerator prg = new MaskGenerator();
        for (String survivor : unmaskingRequest.survivors()) {
            Optional<byte[]> seed = recover(SecretId.self(survivor));
            if (seed.isEmpty()) {
                return Optional.empty();
            }
            prg.apply(seed.get(), sum, -1);
        }
        for (String gone : unmaskingRequest.dropped()) {
            for (String survivor : unmaskingRequest.survivors()) {
                Optional<byte[]> seed = recover(SecretId.pair(gone, survivor));
                if (seed.isEmpty()) {
                    return Optional.empty();
                }
                // The survivor added this mask if its name sorts first, subtracted it otherwise: undo that.
                prg.apply(seed.get(), sum, survivor.compareTo(gone) < 0 ? -1 : 1);
            }
        }
        T decoded;
        try {
            decoded = decoder.decode(sum.clone(), masked.size());
        } catch (InvalidInputException e) {
            fail(SecureAggregationFailure.MASKS_DID_NOT_CANCEL, e.getMessage());
            return Optional.empty();
        }
        long total = sum[sum.length - 1];
        sum = null;
        phase = SecureAggregationPhase.COMPLETED;
        outcome = new SecureAggregationOutcome(
                summary(null, total),
                Optional.empty(),
                "completed with " + masked.size() + " of " + roster.size() + " centers");
        return Optional.of(decoded);
    }

    /** Reads an unmasked sum. */
    @FunctionalInterface
    public interface SumDecoder<T> {
        /**
         * @param sum the unmasked sum of the survivors' vectors, modulo 2^64
         * @param contributors how many survivors' inputs it adds
         * @throws InvalidInputException if the sum is out of the range honest inputs can reach
         */
        T decode(long[] sum, int contributors);
    }

    /** The outcome once the round completed or failed. */
    public synchronized Optional<SecureAggregationOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    private Optional<byte[]> recover(SecretId secret) {
        Map<String, Share> shares = new TreeMap<>();
        responses.forEach((holder, response) -> response.shares().stream()
                .filter(s -> s.secret().equals(secret))
                .forEach(s -> shares.put(holder, s.share())));
        SecretCommitment commitment = shared.get(secret.ownerId()).commitments().stream()
                .filter(c -> c.secret().equals(secret))
                .findFirst()
                .orElseThrow();
        SeedRecovery.Result result = SeedRecovery.recover(session, commitment, shares, config.threshold());
        wrongShareHolders.addAll(result.wrongHolders());
        if (result.seed().isEmpty()) {
            fail(
                    SecureAggregationFailure.SHARES_INCONSISTENT,
                    "no " + config.threshold() + " shares rebuild " + secret);
        }
        return result.seed();
    }

    private Set<SecretId> owedSecrets() {
        Set<SecretId> owed = new HashSet<>();
        for (String survivor : unmaskingRequest.survivors()) {
            owed.add(SecretId.self(survivor));
            for (String gone : unmaskingRequest.dropped()) {
                owed.add(SecretId.pair(gone, survivor));
            }
        }
        return owed;
    }

    private Set<SecretId> secretsOf(String owner) {
        Set<SecretId> secrets = new HashSet<>();
        secrets.add(SecretId.self(owner));
        for (String peer : roster) {
            if (!peer.equals(owner)) {
                secrets.add(SecretId.pair(owner, peer));
            }
        }
        return secrets;
    }

    private void fail(SecureAggregationFailure failure, String detail) {
        sum = null;
        phase = SecureAggregationPhase.FAILED;
        outcome = new SecureAggregationOutcome(summary(failure, 0), Optional.empty(), failure + ": " + detail);
    }

    private SecureAggregationSummary summary(SecureAggregationFailure failure, long total) {
        List<String> dropped = unmaskingRequest == null ? List.of() : unmaskingRequest.dropped();
        return new SecureAggregationSummary(
                failure == null ? SecureAggregationPhase.COMPLETED.name() : SecureAggregationPhase.FAILED.name(),
                failure == null ? null : failure.name(),
                config.threshold(),
                List.copyOf(advertised.keySet()),
                List.copyOf(masked),
                dropped,
                List.copyOf(responses.keySet()),
                List.copyOf(wrongShareHolders),
                total);
    }

    private void requireSession(SessionId other) {
        InputChecks.require(session.equals(other), SecAggCodes.WRONG_SESSION, "message of another session: " + other);
    }

    private void requirePhase(SecureAggregationPhase expected) {
        if (phase != expected) {
            throw new InvalidInputException(SecAggCodes.WRONG_PHASE, "round is " + phase + ", not " + expected);
        }
    }
}
