package org.fdcfabric.devnet.msp;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.fdcfabric.protocol.Hashes;

/** SHA-256 of a certificate's DER: the key under which the MSP layer knows one signer. */
final class CertificateIds {
    private CertificateIds() {}

    static byte[] sha256(X509Certificate certificate) {
        try {
            return Hashes.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }
}
