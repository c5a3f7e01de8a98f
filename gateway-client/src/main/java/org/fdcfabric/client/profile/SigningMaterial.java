package org.fdcfabric.client.profile;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * An identity ready to sign: its certificate and the matching private key. {@code toString} leaves the key out
 * so it never reaches a log.
 *
 * @param name the profile's short name for it (what {@code --as} takes)
 */
public record SigningMaterial(String name, String mspId, X509Certificate certificate, PrivateKey privateKey) {
    @Override
    public String toString() {
        return "SigningMaterial[" + name + ", " + mspId + ", " + certificate.getSubjectX500Principal() + "]";
    }
}
