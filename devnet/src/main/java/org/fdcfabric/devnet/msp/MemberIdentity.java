package org.fdcfabric.devnet.msp;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.Signatures;

/**
 * A validated channel member. {@link #id()} is Fabric's internal identity id, the hex SHA-256 of the certificate
 * DER; policy evaluation de-duplicates identities on {@code mspId + id}. The verifier is made once from this
 * certificate's own key, so a cached identity checks signatures against nothing but that key.
 */
final class MemberIdentity implements VerifiedIdentity {
    private final String mspId;
    private final X509Certificate certificate;
    private final String nodeOu;
    private final ByteString certificateHash;
    private final Optional<Signatures.Verifier> verifier;
    private final SignatureChecks checks;

    MemberIdentity(String mspId, X509Certificate certificate, String nodeOu, SignatureChecks checks) {
        this.mspId = mspId;
        this.certificate = certificate;
        this.nodeOu = nodeOu;
        this.certificateHash = ByteString.copyFrom(CertificateIds.sha256(certificate));
        this.verifier = Signatures.verifier(certificate.getPublicKey());
        this.checks = checks;
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public String nodeOu() {
        return nodeOu;
    }

    @Override
    public String id() {
        return Hashes.hex(certificateHash.toByteArray());
    }

    /** The SHA-256 of the certificate DER, under which the signature memory knows this signer. */
    byte[] certificateHash() {
        return certificateHash.toByteArray();
    }

    /** Empty when the certificate's key is not a usable EC key: then no signature verifies. */
    Optional<Signatures.Verifier> verifier() {
        return verifier;
    }

    @Override
    public boolean verifySignature(byte[] message, byte[] signature) {
        return verifier.isPresent() && checks.verify(certificateHash(), verifier.get(), message, signature);
    }
}
