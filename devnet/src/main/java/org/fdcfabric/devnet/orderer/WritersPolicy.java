package org.fdcfabric.devnet.orderer;

import java.util.Set;
import org.fdcfabric.devnet.msp.VerifiedIdentity;

/** The channel's {@code /Channel/Writers} policy, applied to the verified creator of a broadcast envelope. */
@FunctionalInterface
public interface WritersPolicy {
    boolean permits(String channelId, VerifiedIdentity creator);

    /**
     * Fabric's sample channel configuration: each org's Writers is {@code OR('Org.admin', 'Org.client')} and the
     * channel's is ANY of them, so clients and admins of any channel org may submit, peers may not.
     */
    static WritersPolicy clientsAndAdmins() {
        Set<String> writers = Set.of("client", "admin");
        return (channelId, creator) -> writers.contains(creator.nodeOu());
    }
}
