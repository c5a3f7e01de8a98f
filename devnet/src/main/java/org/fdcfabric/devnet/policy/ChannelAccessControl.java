package org.fdcfabric.devnet.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.msp.VerifiedIdentity;

/**
 * The channel ACLs the peer and gateway enforce, with the policies of Fabric's sample configtx: {@code
 * /Channel/Application/Readers} and {@code Writers} are {@code ANY} of the application orgs' own, where an org's
 * Readers are {@code OR(admin, peer, client)} and its Writers {@code OR(admin, client)}. Proposals
 * ({@code peer/Propose}) and chaincode-to-chaincode calls need Writers; CommitStatus and ChaincodeEvents need
 * Readers.
 */
public final class ChannelAccessControl {
    private static final Set<String> READER_OUS = Set.of("admin", "peer", "client");
    private static final Set<String> WRITER_OUS = Set.of("admin", "client");

    private final IdentityVerifier identities;
    private final Map<String, Set<String>> applicationOrgs;

    public ChannelAccessControl(IdentityVerifier identities, Map<String, List<String>> applicationOrgsByChannel) {
        this.identities = identities;
        this.applicationOrgs = applicationOrgsByChannel.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    public boolean hasChannel(String channelId) {
        return applicationOrgs.containsKey(channelId);
    }

    /** The identity if it is valid on the channel and its signature over {@code message} verifies. */
    public Optional<VerifiedIdentity> authenticate(
            String channelId, byte[] identity, byte[] message, byte[] signature) {
        return identities.verify(channelId, identity).filter(id -> id.verifySignature(message, signature));
    }

    public boolean isWriter(String channelId, VerifiedIdentity identity) {
        return isMember(channelId, identity) && WRITER_OUS.contains(identity.nodeOu());
    }

    public boolean isReader(String channelId, VerifiedIdentity identity) {
        return isMember(channelId, identity) && READER_OUS.contains(identity.nodeOu());
    }

    private boolean isMember(String channelId, VerifiedIdentity identity) {
        return applicationOrgs.getOrDefault(channelId, Set.of()).contains(identity.mspId());
    }
}
