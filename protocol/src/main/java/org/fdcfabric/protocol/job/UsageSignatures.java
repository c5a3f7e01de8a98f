package org.fdcfabric.protocol.job;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.Signatures;

/**
 * Signing and checking centers' round usage: what a center does before it answers a training call, and what the
 * chaincode and auditors do with the signature the compute organisation carries to the chain.
 */
public final class UsageSignatures {
    /** Base64 of a DER P-256 signature: at most 72 bytes, so at most 96 characters. */
    public static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9+/]{8,96}={0,2}");

    public static final String INVALID_CERTIFICATE = "INVALID_CERTIFICATE";

    private UsageSignatures() {}

    public static UsageSignature sign(PrivateKey key, X509Certificate certificate, RoundUsage usage) {
        return sign(key, fingerprint(certificate), usage);
    }

    /** Signs {@code usage} with {@code key}, naming the signer {@code centerKey}. */
    public static UsageSignature sign(PrivateKey key, String centerKey, RoundUsage usage) {
        return new UsageSignature(
                centerKey, Base64.getEncoder().encodeToString(Signatures.sign(key, usage.canonicalBytes())));
    }

    /** Whether {@code signature} is {@code certificate}'s signature over {@code usage}; never throws for bad bytes. */
    public static boolean verify(X509Certificate certificate, RoundUsage usage, UsageSignature signature) {
        if (signature == null
                || !fingerprint(certificate).equals(signature.centerKey())
                || signature.signature() == null
                || !SIGNATURE.matcher(signature.signature()).matches()) {
            return false;
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signature.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Signatures.verify(certificate.getPublicKey(), usage.canonicalBytes(), der);
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return Hashes.sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new InvalidInputException(INVALID_CERTIFICATE, "the certificate has no DER encoding");
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new InvalidInputException(INVALID_CERTIFICATE, "the certificate has no DER encoding");
        }
    }

    public static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidInputException(INVALID_CERTIFICATE, "not a PEM X.509 certificate");
        }
    }
}
