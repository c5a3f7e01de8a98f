package org.fdcfabric.cli.edge;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
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
import org.fdcfabric.datacenter.edge.TlsFiles;

/** A device CA (EC P-256, BouncyCastle) issuing localhost certificates, written as the PEM files TLS reads. */
final class DevicePki {
    private final Path dir;
    private final KeyPair caKeys;
    private final Path caFile;
    private long serial = 1;

    DevicePki(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.caKeys = p256();
        X500Name ca = new X500Name("CN=device-ca");
        var builder = new JcaX509v3CertificateBuilder(
                ca,
                BigInteger.valueOf(serial++),
                Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(1))),
                ca,
                caKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        this.caFile = pem("ca.pem", "CERTIFICATE", sign(builder));
    }

    /** Certificate and key for {@code commonName} (a device id, or the center), trusting the device CA. */
    TlsFiles issue(String commonName) throws Exception {
        KeyPair keys = p256();
        var builder = new JcaX509v3CertificateBuilder(
                new X500Name("CN=device-ca"),
                BigInteger.valueOf(serial++),
                Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(1))),
                new X500Name("CN=" + commonName),
                keys.getPublic());
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        return new TlsFiles(
                pem(commonName + ".pem", "CERTIFICATE", sign(builder)),
                pem(commonName + ".key", "PRIVATE KEY", keys.getPrivate().getEncoded()),
                caFile);
    }

    private byte[] sign(JcaX509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())))
                .getEncoded();
    }

    private Path pem(String name, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return Files.writeString(
                dir.resolve(name), "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
