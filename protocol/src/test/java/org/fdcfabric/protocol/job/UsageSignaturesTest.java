package org.fdcfabric.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsageSignaturesTest {
    static final String H1 = "11".repeat(32);
    static final String H2 = "22".repeat(32);
    static final RoundUsage USAGE = new RoundUsage("job-1", 3, "ds-one", 600, H1, H2);

    static KeyPair keys;
    static X509Certificate certificate;
    static X509Certificate other;

    @BeforeAll
    static void issue() throws Exception {
        keys = p256();
        certificate = selfSigned(keys, "center1");
        other = selfSigned(p256(), "center2");
    }

    @Test
    void aSignatureVerifiesOnlyForItsOwnUsageAndCertificate() {
        UsageSignature signature = UsageSignatures.sign(keys.getPrivate(), certificate, USAGE);
        assertThat(signature.centerKey()).isEqualTo(UsageSignatures.fingerprint(certificate));
        assertThat(UsageSignatures.verify(certificate, USAGE, signature)).isTrue();

        List<RoundUsage> changed = List.of(
                new RoundUsage("job-2", 3, "ds-one", 600, H1, H2),
                new RoundUsage("job-1", 4, "ds-one", 600, H1, H2),
                new RoundUsage("job-1", 3, "ds-two", 600, H1, H2),
                new RoundUsage("job-1", 3, "ds-one", 601, H1, H2),
                new RoundUsage("job-1", 3, "ds-one", 600, H2, H2),
                new RoundUsage("job-1", 3, "ds-one", 600, H1, H1));
        for (RoundUsage usage : changed) {
            assertThat(UsageSignatures.verify(certificate, usage, signature))
                    .as("%s", usage)
                    .isFalse();
        }
        assertThat(UsageSignatures.verify(other, USAGE, signature)).isFalse();
        assertThat(UsageSignatures.verify(
                        other, USAGE, new UsageSignature(UsageSignatures.fingerprint(other), signature.signature())))
                .isFalse();
        assertThat(UsageSignatures.verify(certificate, USAGE, new UsageSignature(signature.centerKey(), "%%%")))
                .isFalse();
        assertThat(UsageSignatures.verify(certificate, USAGE, null)).isFalse();
    }

    @Test
    void theStatementIsNamedSoNoOtherSignedTextCanPassForIt() {
        assertThat(new String(USAGE.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\"statement\":\"fdc.round-usage.v1\",\"usage\":{");
    }

    @Test
    void certificatesRoundTripThroughPem() {
        assertThat(UsageSignatures.certificate(UsageSignatures.pem(certificate)))
                .isEqualTo(certificate);
        assertThatThrownBy(() -> UsageSignatures.certificate("-----BEGIN CERTIFICATE-----\nAAAA\n"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo(UsageSignatures.INVALID_CERTIFICATE);
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair keys, String name) throws Exception {
        X500Name subject = new X500Name("CN=" + name);
        Date from = new Date(0);
        Date to = new Date(4_102_444_800_000L);
        return new JcaX509CertificateConverter()
                .getCertificate(
                        new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, from, to, subject, keys.getPublic())
                                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
