package org.fdcfabric.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;

/** Writes a connection profile with one real (self-signed, P-256) identity {@code alice} for CLI tests. */
final class CliCredentials {
    private CliCredentials() {}

    static Path profile(Path dir, String address) throws Exception {
        writePem(dir, "tls/ca.pem", "tlsca", false);
        writePem(dir, "alice", "alice", true);
        String json = """
                {"name": "cli-test", "gateway": {"address": "%s", "tlsRootCert": "tls/ca.pem", "serverNameOverride": ""},
                 "identities": {"alice": {"mspId": "Org1MSP", "certificate": "alice/cert.pem",
                                          "privateKey": "alice/key.pem", "role": "data-user"}}}
                """.formatted(address);
        return Files.writeString(dir.resolve("profile.json"), json);
    }

    private static void writePem(Path dir, String where, String cn, boolean withKey) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + cn);
        var certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                Date.from(now.minus(1, ChronoUnit.DAYS)),
                                Date.from(now.plus(1, ChronoUnit.DAYS)),
                                name,
                                pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        if (withKey) {
            write(dir.resolve(where).resolve("cert.pem"), Identities.toPemString(certificate));
            write(dir.resolve(where).resolve("key.pem"), Identities.toPemString(pair.getPrivate()));
        } else {
            write(dir.resolve(where), Identities.toPemString(certificate));
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
