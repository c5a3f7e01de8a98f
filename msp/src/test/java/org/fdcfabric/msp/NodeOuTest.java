package org.fdcfabric.msp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeOuTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CN=a,OU=peer|PEER",
                "CN=a,OU=client|CLIENT",
                "CN=a,OU=admin,OU=org1|ADMIN",
                "CN=a,OU=orderer|ORDERER",
                "CN=a|NONE",
                "CN=a,OU=department|NONE",
                "CN=a,OU=peer,OU=client|NONE",
                "CN=a,OU=Peer|NONE"
            })
    void classifiesByExactlyOneNodeOu(String subject, String expected) throws Exception {
        X509Certificate certificate = selfSigned(subject);
        assertThat(NodeOu.of(certificate).map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    private static X509Certificate selfSigned(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name(subject);
        var builder = new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, new Date(0), new Date(4_000_000_000_000L), name, keys.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
