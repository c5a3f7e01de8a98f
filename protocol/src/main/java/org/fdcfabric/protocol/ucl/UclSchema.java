package org.fdcfabric.protocol.ucl;

import java.util.List;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * A dataset's schema: every party indexes features and labels by this, never by what its local data happens to
 * contain, so that model parameters line up across data centers.
 */
public record UclSchema(List<FeatureSpec> features, LabelSpec label, Task task) {
    public UclSchema {
        features = features == null ? null : List.copyOf(features);
    }

    /** SHA-256 of the canonical schema: federated updates carry it so a mismatched party is refused. */
    public String hash() {
        return Hashes.sha256Hex(CanonicalJson.bytes(this));
    }
}
