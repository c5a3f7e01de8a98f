package org.fdcfabric.devnet.msp;

import java.security.cert.X509Certificate;
import java.util.List;

/** One organisation's MSP as a channel configures it: its id, root CAs and whether NodeOUs classify identities. */
public record OrgMsp(String mspId, List<X509Certificate> rootCertificates, boolean nodeOusEnabled) {
    public OrgMsp {
        if (mspId == null || mspId.isBlank()) {
            throw new IllegalArgumentException("MSP id must not be blank");
        }
        rootCertificates = List.copyOf(rootCertificates);
        if (rootCertificates.isEmpty()) {
            throw new IllegalArgumentException("MSP " + mspId + " needs at least one root certificate");
        }
    }
}
