package org.fdcfabric.datacenter.federation;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** This center's organisation identity: its P-256 key and certificate (TLS server identity and ECDH key). */
public record CenterIdentity(String mspId, PrivateKey privateKey, X509Certificate certificate) {
    public CenterIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }
}
