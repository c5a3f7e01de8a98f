package org.fdcfabric.datacenter.masking;

import java.security.PublicKey;
import java.util.Map;

/**
 * The organisation key of every center a data center may mask with, by dataset id. It must come from a source the
 * center trusts (the consortium's organisation certificates), never from the coordinator: a coordinator that could
 * substitute keys could unmask a center.
 *
 * @param organisationKeys dataset id to the organisation key of the center that offers it
 */
public record MaskingPeers(Map<String, PublicKey> organisationKeys) {
    /** A center without secure aggregation: it refuses the secure-aggregation calls. */
    public static final MaskingPeers NONE = new MaskingPeers(Map.of());

    public MaskingPeers {
        organisationKeys = Map.copyOf(organisationKeys);
    }

    public boolean isEmpty() {
        return organisationKeys.isEmpty();
    }
}
