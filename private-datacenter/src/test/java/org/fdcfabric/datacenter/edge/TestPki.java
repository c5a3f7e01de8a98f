package org.fdcfabric.datacenter.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A real CA with a center certificate and device certificates (EC P-256), written as PEM files. */
final class TestPki {
    private final Path dir;
    private final KeyPair caKey;
    private final X509Certificate ca;
    private final Path caFile;
    private long serial = 1;

    TestPki(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            caKey = keyPair();
            ca = certificate("CN=fdc-device-ca", caKey, "CN=fdc-device-ca", caKey, true, false);
            caFile = pem(dir.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The center's side: certificate for localhost, trusting the device CA. */
    TlsFiles center() {
        return issue("center", true);
    }

    /** A device's side: certificate with the device id as common name, trusting the same CA. */
    TlsFiles device(String deviceId) {
        return issue(deviceId, false);
    }

    private TlsFiles issue(String commonName, boolean server) {
        try {
            KeyPair key = keyPair();
            X509Certificate cert = certificate("CN=" + commonName, key, "CN=fdc-device-ca", caKey, false, server);
            Path certFile = pem(dir.resolve(commonName + ".pem"), "CERTIFICATE", cert.getEncoded());
            Path keyFile = pem(dir.resolve(commonName + ".key"), "PRIVATE KEY", key.getPrivate().getEncoded());
            return new TlsFiles(certFile, keyFile, caFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate certificate(
            String subject, KeyPair key, String issuer, KeyPair issuerKey, boolean isCa, boolean server)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(issuer),
                BigInteger.valueOf(serial++),
                Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name(subject),
                key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
        }
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Path pem(Path file, String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        try {
            Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
