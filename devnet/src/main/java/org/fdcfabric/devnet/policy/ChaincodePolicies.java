package org.fdcfabric.devnet.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * The endorsement policies of the chaincodes defined on each channel. Endorsement sets are reduced to valid
 * identities as {@code fabric/common/policies/policy.go: SignatureSetToValidIdentities} does: an entry is dropped
 * when its endorser does not deserialize or validate, when its identity ({@code mspId + id}) was already accepted,
 * or when its signature over {@code proposalResponsePayload || endorser} does not verify.
 */
public final class ChaincodePolicies implements EndorsementPolicies {
    /** A chaincode on a channel. */
    public record ChaincodeRef(String channelId, String chaincodeName) {}

    private final IdentityVerifier identities;
    private final Map<ChaincodeRef, EndorsementPolicy> policies;

    public ChaincodePolicies(IdentityVerifier identities, Map<ChaincodeRef, EndorsementPolicy> policies) {
        this.identities = identities;
        this.policies = Map.copyOf(policies);
    }

    @Override
    public boolean isDefined(String channelId, String chaincodeName) {
        return policies.containsKey(new ChaincodeRef(channelId, chaincodeName));
    }

    @Override
    public boolean isSatisfied(
            String channelId, String chaincodeName, byte[] proposalResponsePayload, List<Endorsement> endorsements) {
        EndorsementPolicy policy = policies.get(new ChaincodeRef(channelId, chaincodeName));
        if (policy == null) {
            return false;
        }
        return policy.isSatisfiedBy(validIdentities(channelId, proposalResponsePayload, endorsements));
    }

    /**
     * The smallest set of endorsing peers (fewest, then earliest in {@code peers} order) whose endorsements
     * satisfy the chaincode's policy; empty when no subset does or the chaincode is not defined. This plays the
     * part of Fabric's discovery layouts for a network with one peer per org.
     */
    public Optional<List<VerifiedIdentity>> layout(
            String channelId, String chaincodeName, List<VerifiedIdentity> peers) {
        EndorsementPolicy policy = policies.get(new ChaincodeRef(channelId, chaincodeName));
        if (policy == null || peers.size() > 16) {
            return Optional.empty();
        }
        for (int size = 1; size <= peers.size(); size++) {
            Optional<List<VerifiedIdentity>> found = firstSatisfying(policy, peers, size, 0, new ArrayList<>());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<VerifiedIdentity>> firstSatisfying(
            EndorsementPolicy policy, List<VerifiedIdentity> peers, int size, int from, List<VerifiedIdentity> chosen) {
        if (chosen.size() == size) {
            return policy.isSatisfiedBy(chosen) ? Optional.of(List.copyOf(chosen)) : Optional.empty();
        }
        for (int i = from; i <= peers.size() - (size - chosen.size()); i++) {
            chosen.add(peers.get(i));
            Optional<List<VerifiedIdentity>> found = firstSatisfying(policy, peers, size, i + 1, chosen);
            chosen.remove(chosen.size() - 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private List<VerifiedIdentity> validIdentities(
            String channelId, byte[] proposalResponsePayload, List<Endorsement> endorsements) {
        List<VerifiedIdentity> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Endorsement endorsement : endorsements) {
            byte[] endorser = endorsement.getEndorser().toByteArray();
            Optional<VerifiedIdentity> identity = identities.verify(channelId, endorser);
            if (identity.isEmpty()) {
                continue;
            }
            String key = identity.get().mspId() + identity.get().id();
            if (seen.contains(key)) {
                continue;
            }
            byte[] signed = new byte[proposalResponsePayload.length + endorser.length];
            System.arraycopy(proposalResponsePayload, 0, signed, 0, proposalResponsePayload.length);
            System.arraycopy(endorser, 0, signed, proposalResponsePayload.length, endorser.length);
            if (!identity.get()
                    .verifySignature(signed, endorsement.getSignature().toByteArray())) {
                continue;
            }
            seen.add(key);
            valid.add(identity.get());
        }
        return valid;
    }
}
