package org.fdcfabric.datacenter.federation;

import java.security.PublicKey;
import java.util.Objects;

/**
 * Who is calling: the organisation (MSP id) its TLS client certificate belongs to, and the certified public key
 * (the caller's side of the per-job key agreement).
 */
public record Caller(String mspId, PublicKey publicKey) {
    public Caller {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
