package org.fdcfabric.datacenter.masking;

import java.security.PublicKey;
import java.util.Map;

/**
 * The organisation key of every center a data center may mask with, by dataset id. It must come from a source the
 * center trusts (the consortium's organisation certificates), never from the coordinator: a coordinator that could
 * substitute keys could unmask a center. Read when a job's first session starts, so a directory may fill up after
 * the center starts (centers that publish their datasets one after another).
 */
@FunctionalInterface
public interface MaskingPeers {
    /** A center without secure aggregation: it refuses the secure-aggregation calls. */
    MaskingPeers NONE = Map::of;

    /** Dataset id to the organisation key of the center that offers it; empty if secure aggregation is off. */
    Map<String, PublicKey> organisationKeys();

    /** A fixed directory. */
    static MaskingPeers of(Map<String, PublicKey> keys) {
        Map<String, PublicKey> copy = Map.copyOf(keys);
        return () -> copy;
    }
}
