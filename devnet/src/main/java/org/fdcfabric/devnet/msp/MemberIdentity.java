package org.fdcfabric.devnet.msp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A validated channel member. {@link #id()} is Fabric's internal identity id, the hex SHA-256 of the certificate
 * DER; policy evaluation de-duplicates identities on {@code mspId + id}.
 */
record MemberIdentity(String mspId, X509Certificate certificate, String nodeOu, String id, SignatureChecks checks)
        implements VerifiedIdentity {

    static MemberIdentity of(String mspId, X509Certificate certificate, String nodeOu, SignatureChecks checks) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new MemberIdentity(mspId, certificate, nodeOu, HexFormat.of().formatHex(digest), checks);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash certificate", e);
        }
    }

    @Override
    public boolean verifySignature(byte[] message, byte[] signature) {
        return checks.verify(certificate.getPublicKey(), message, signature);
    }
}
