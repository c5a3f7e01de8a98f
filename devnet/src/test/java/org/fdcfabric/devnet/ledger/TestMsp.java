package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.devnet.policy.EndorsementPolicies;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * Test doubles for the other half of the devnet: identities are valid when registered for the channel; a
 * chaincode's policy requires a valid peer signature from every listed MSP (entries that do not verify are
 * dropped, as Fabric does).
 */
public final class TestMsp implements IdentityVerifier, EndorsementPolicies {
    private final Map<String, Map<ByteString, TestMember>> members = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> policies = new ConcurrentHashMap<>();

    public TestMsp register(String channelId, TestMember member) {
        members.computeIfAbsent(channelId, c -> new ConcurrentHashMap<>()).put(member.serialized(), member);
        return this;
    }

    public TestMsp define(String chaincode, Set<String> requiredMsps) {
        policies.put(chaincode, Set.copyOf(requiredMsps));
        return this;
    }

    @Override
    public Optional<VerifiedIdentity> verify(String channelId, byte[] serializedIdentity) {
        return Optional.ofNullable(
                members.getOrDefault(channelId, Map.of()).get(ByteString.copyFrom(serializedIdentity)));
    }

    @Override
    public boolean isDefined(String channelId, String chaincodeName) {
        return policies.containsKey(chaincodeName);
    }

    @Override
    public boolean isSatisfied(
            String channelId, String chaincodeName, byte[] proposalResponsePayload, List<Endorsement> endorsements) {
        Set<String> required = policies.get(chaincodeName);
        if (required == null) {
            return false;
        }
        Set<String> signed = ConcurrentHashMap.newKeySet();
        for (Endorsement endorsement : endorsements) {
            byte[] endorser = endorsement.getEndorser().toByteArray();
            byte[] message = new byte[proposalResponsePayload.length + endorser.length];
            System.arraycopy(proposalResponsePayload, 0, message, 0, proposalResponsePayload.length);
            System.arraycopy(endorser, 0, message, proposalResponsePayload.length, endorser.length);
            verify(channelId, endorser)
                    .filter(identity -> "peer".equals(identity.nodeOu()))
                    .filter(identity -> identity.verifySignature(
                            message, endorsement.getSignature().toByteArray()))
                    .map(VerifiedIdentity::mspId)
                    .ifPresent(signed::add);
        }
        return signed.containsAll(required);
    }
}
