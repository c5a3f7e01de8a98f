package org.fdcfabric.datacenter.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test organisations with real P-256 keys and X.509 certificates (BouncyCastle): one CA per organisation and
 * leaf certificates it issues, valid for localhost so they serve mutual TLS.
 */
public final class TestPki {
    private final AtomicLong serial = new AtomicLong(1);

    /** An organisation: its MSP id, CA key pair and CA certificate. */
    public record Org(String mspId, KeyPair caKeys, X509Certificate ca) {}

    /** A member identity: key pair and certificate issued by its organisation's CA. */
    public record Member(String mspId, PrivateKey privateKey, X509Certificate certificate) {}

    public Org organization(String mspId) throws Exception {
        KeyPair keys = p256();
        X500Name name = new X500Name("CN=ca." + mspId + ",O=" + mspId);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(serial.getAndIncrement()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                name,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        return new Org(mspId, keys, sign(builder, keys.getPrivate()));
    }

    public Member member(Org org, String commonName) throws Exception {
        return member(
                org,
                commonName,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
    }

    public Member member(Org org, String commonName, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = p256();
        var builder = new JcaX509v3CertificateBuilder(
                new X500Name("CN=ca." + org.mspId() + ",O=" + org.mspId()),
                BigInteger.valueOf(serial.getAndIncrement()),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Name("CN=" + commonName + ",O=" + org.mspId()),
                keys.getPublic());
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        return new Member(
                org.mspId(), keys.getPrivate(), sign(builder, org.caKeys().getPrivate()));
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
