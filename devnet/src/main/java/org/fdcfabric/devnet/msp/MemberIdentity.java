package org.fdcfabric.devnet.msp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.fdcfabric.protocol.Signatures;

/**
 * A validated channel member. {@link #id()} is Fabric's internal identity id, the hex SHA-256 of the certificate
 * DER; policy evaluation de-duplicates identities on {@code mspId + id}.
 */
record MemberIdentity(String mspId, X509Certificate certificate, String nodeOu, String id) implements VerifiedIdentity {

    static MemberIdentity of(String mspId, X509Certificate certificate, String nodeOu) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new MemberIdentity(mspId, certificate, nodeOu, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash certificate", e);
        }
    }

    @Override
    public boolean verifySignature(byte[] message, byte[] signature) {
        return Signatures.verify(certificate.getPublicKey(), message, signature);
    }
}
