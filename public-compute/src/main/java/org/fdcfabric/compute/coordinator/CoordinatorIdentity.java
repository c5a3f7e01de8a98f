package org.fdcfabric.compute.coordinator;

import java.security.KeyPair;
import java.util.Objects;

/**
 * The compute organisation's identity as the coordinator uses it: its MSP id and the P-256 key pair its
 * certificate certifies (the coordinator's side of every per-job key agreement).
 */
public record CoordinatorIdentity(String mspId, KeyPair agreementKeys) {
    public CoordinatorIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(agreementKeys, "agreementKeys");
    }
}
