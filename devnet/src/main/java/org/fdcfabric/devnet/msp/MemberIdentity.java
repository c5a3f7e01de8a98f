package org.fdcfabric.devnet.msp;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.Signatures;

/**
 * A validated channel member. {@link #id()} is Fabric's internal identity id, the hex SHA-256 of the certificate
 * DER; policy evaluation de-duplicates identities on {@code mspId + id}. The verifier is made once from this
 * certificate's own key, so a cached identity checks signatures against nothing but that key.
 */
record MemberIdentity(
        String mspId,
        X509Certificate certificate,
        String nodeOu,
        byte[] certificateHash,
        Optional<Signatures.Verifier> verifier,
        SignatureChecks checks)
        implements VerifiedIdentity {

    static MemberIdentity of(String mspId, X509Certificate certificate, String nodeOu, SignatureChecks checks) {
        return new MemberIdentity(
                mspId,
                certificate,
                nodeOu,
                CertificateIds.sha256(certificate),
                Signatures.verifier(certificate.getPublicKey()),
                checks);
    }

    @Override
    public String id() {
        return Hashes.hex(certificateHash);
    }

    @Override
    public boolean verifySignature(byte[] message, byte[] signature) {
        return verifier.isPresent() && checks.verify(certificateHash, verifier.get(), message, signature);
    }
}
