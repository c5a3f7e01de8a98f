package org.fdcfabric.devnet.msp;

import java.security.cert.X509Certificate;
import org.fdcfabric.protocol.Hashes;

/** An identity that chains to its MSP's root; {@code nodeOu} is the NodeOU it carries (peer, client, admin, orderer). */
public interface VerifiedIdentity {
    String mspId();

    X509Certificate certificate();

    String nodeOu();

    /** Fabric's identity id: the hex SHA-256 of the certificate's DER. */
    default String id() {
        return Hashes.hex(CertificateIds.sha256(certificate()));
    }

    /** ECDSA over SHA-256 of {@code message}; high-S signatures are rejected as Fabric does. */
    boolean verifySignature(byte[] message, byte[] signature);
}
