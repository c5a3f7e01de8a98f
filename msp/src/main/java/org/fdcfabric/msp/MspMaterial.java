package org.fdcfabric.msp;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** What an MSP folder holds: the roots, whether NodeOUs are on, and the local signing identity if present. */
public record MspMaterial(
        String mspId,
        List<X509Certificate> caCertificates,
        List<X509Certificate> tlsCaCertificates,
        boolean nodeOusEnabled,
        Optional<IssuedIdentity> signingIdentity) {
    public MspMaterial {
        caCertificates = List.copyOf(caCertificates);
        tlsCaCertificates = List.copyOf(tlsCaCertificates);
    }
}
