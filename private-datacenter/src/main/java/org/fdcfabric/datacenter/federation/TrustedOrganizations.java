package org.fdcfabric.datacenter.federation;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The organisations' certificate authorities (MSP id to CA certificate), which say which organisation a
 * certificate belongs to: the one whose CA signed it, while it is within its validity period.
 */
public final class TrustedOrganizations {
    private final Map<String, X509Certificate> authorities;

    public TrustedOrganizations(Map<String, X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted organisation is needed");
        }
        this.authorities = new TreeMap<>(authorities);
    }

    public X509Certificate[] authorityCertificates() {
        return authorities.values().toArray(X509Certificate[]::new);
    }

    /** The organisation whose CA issued {@code certificate}, if any and if the certificate is valid at that time. */
    public Optional<Caller> identify(X509Certificate certificate, java.time.Instant at) {
        try {
            certificate.checkValidity(java.util.Date.from(at));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        for (Map.Entry<String, X509Certificate> authority : authorities.entrySet()) {
            X509Certificate ca = authority.getValue();
            if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(ca.getPublicKey());
                return Optional.of(new Caller(authority.getKey(), certificate.getPublicKey()));
            } catch (GeneralSecurityException e) {
                // same issuer name, different key: not this organisation
            }
        }
        return Optional.empty();
    }
}
