package org.fdcfabric.datacenter.federation;

import java.security.cert.X509Certificate;
import java.util.Objects;

/** Who is calling: the organisation (MSP id) its TLS client certificate belongs to, and that certificate. */
public record Caller(String mspId, X509Certificate certificate) {
    public Caller {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
    }
}
