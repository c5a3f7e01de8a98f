package org.fdcfabric.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CertificateAuthority ca =
            CertificateAuthority.create("ca.org1.fdc", "org1.fdc", clock, Duration.ofDays(3650), new SecureRandom());

    @Nested
    class Create {
        @Test
        void isSelfSignedP256RootValidFromNow() throws Exception {
            X509Certificate root = ca.certificate();
            root.verify(root.getPublicKey());
            assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
            assertThat(((ECPublicKey) root.getPublicKey())
                            .getParams()
                            .getCurve()
                            .getField()
                            .getFieldSize())
                    .isEqualTo(256);
            assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=ca.org1.fdc,O=org1.fdc,C=US");
            assertThat(root.getNotBefore().toInstant()).isBefore(NOW);
            assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
            assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        }

        @Test
        void refusesALeafCertificateAsCa() {
            IssuedIdentity peer = ca.issue("Org1MSP", "peer0.org1.fdc", NodeOu.PEER, Map.of());
            assertThatThrownBy(() -> new CertificateAuthority(
                            peer.certificate(), peer.privateKey(), clock, Duration.ofDays(1), new SecureRandom()))
                    .isInstanceOf(MspException.class)
                    .hasMessageContaining("not a CA certificate");
        }

        @Test
        void savesAndLoadsTheSameKeyPair(@TempDir Path dir) throws Exception {
            ca.save(dir);
            CertificateAuthority loaded =
                    CertificateAuthority.load(dir, clock, Duration.ofDays(365), new SecureRandom());
            assertThat(loaded.certificate()).isEqualTo(ca.certificate());
            IssuedIdentity issued = loaded.issue("Org1MSP", "bob", NodeOu.CLIENT, Map.of());
            issued.certificate().verify(ca.certificate().getPublicKey());
        }
    }

    @Nested
    class Issue {
        @Test
        void chainsToTheCaAndCarriesTheNodeOu() throws Exception {
            IssuedIdentity peer = ca.issue("Org1MSP", "peer0.org1.fdc", NodeOu.PEER, Map.of());
            peer.certificate().verify(ca.certificate().getPublicKey());
            assertThat(peer.certificate().getBasicConstraints()).isEqualTo(-1);
            assertThat(peer.certificate().getSubjectX500Principal().getName())
                    .isEqualTo("CN=peer0.org1.fdc,OU=peer,C=US");
            assertThat(peer.nodeOu()).contains(NodeOu.PEER);
            assertThat(peer.name()).isEqualTo("peer0.org1.fdc");
            assertThat(peer.mspId()).isEqualTo("Org1MSP");
        }

        @Test
        void writesFabricCaAttributesIncludingTheFdcRole() {
            IssuedIdentity alice =
                    ca.issue("Org1MSP", "alice@org1.fdc", NodeOu.CLIENT, Map.of(CaAttributes.FDC_ROLE, "provider"));
            assertThat(CaAttributes.read(alice.certificate()))
                    .containsExactly(
                            Map.entry("fdc.role", "provider"),
                            Map.entry("hf.Affiliation", ""),
                            Map.entry("hf.EnrollmentID", "alice@org1.fdc"),
                            Map.entry("hf.Type", "client"));
        }

        @Test
        void extensionValueIsTheRawJsonAsFabricCaWritesIt() {
            IssuedIdentity alice =
                    ca.issue("Org1MSP", "alice@org1.fdc", NodeOu.CLIENT, Map.of(CaAttributes.FDC_ROLE, "auditor"));
            byte[] octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(
                            alice.certificate().getExtensionValue(CaAttributes.OID))
                    .getOctets();
            assertThat(new String(octets, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"attrs\":{\"fdc.role\":\"auditor\",\"hf.Affiliation\":\"\","
                            + "\"hf.EnrollmentID\":\"alice@org1.fdc\",\"hf.Type\":\"client\"}}");
            assertThat(alice.certificate().getNonCriticalExtensionOIDs()).contains(CaAttributes.OID);
        }

        @Test
        void rejectsReservedAttributeNamesAndBlankIds() {
            assertThatThrownBy(() -> ca.issue("Org1MSP", "x", NodeOu.CLIENT, Map.of("hf.Type", "admin")))
                    .isInstanceOf(MspException.class)
                    .hasMessageContaining("hf.");
            assertThatThrownBy(() -> ca.issue("Org1MSP", " ", NodeOu.CLIENT, Map.of()))
                    .isInstanceOf(MspException.class)
                    .hasMessageContaining("enrollment id");
        }

        @Test
        void neverOutlivesTheCa() {
            CertificateAuthority shortCa =
                    CertificateAuthority.create("ca.short", "short", clock, Duration.ofDays(10), new SecureRandom());
            CertificateAuthority issuer = new CertificateAuthority(
                    shortCa.certificate(), shortCa.privateKey(), clock, Duration.ofDays(100), new SecureRandom());
            IssuedIdentity user = issuer.issue("ShortMSP", "u", NodeOu.CLIENT, Map.of());
            assertThat(user.certificate().getNotAfter())
                    .isEqualTo(shortCa.certificate().getNotAfter());
        }
    }

    @Nested
    class IssueTls {
        @Test
        void hasLocalhostAndLoopbackSubjectAlternativeNames() throws Exception {
            IssuedIdentity tls = ca.issueTls("Org1MSP", "peer0.org1.fdc", List.of("localhost", "127.0.0.1"));
            tls.certificate().verify(ca.certificate().getPublicKey());
            assertThat(tls.certificate().getSubjectAlternativeNames())
                    .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
            assertThat(tls.certificate().getExtendedKeyUsage())
                    .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        }
    }

    /** The shim's own ClientIdentity is what chaincode uses to read the role: prove it sees ours. */
    @Nested
    class ShimClientIdentity {
        @Test
        void readsMspIdRoleAndIdFromTheSerializedIdentity() throws Exception {
            IssuedIdentity alice =
                    ca.issue("Org1MSP", "alice@org1.fdc", NodeOu.CLIENT, Map.of(CaAttributes.FDC_ROLE, "provider"));
            ChaincodeStub stub = mock(ChaincodeStub.class);
            when(stub.getCreator()).thenReturn(alice.serialize());

            ClientIdentity identity = new ClientIdentity(stub);

            assertThat(identity.getMSPID()).isEqualTo("Org1MSP");
            assertThat(identity.getAttributeValue("fdc.role")).isEqualTo("provider");
            assertThat(identity.assertAttributeValue("fdc.role", "provider")).isTrue();
            assertThat(identity.getAttributeValue("hf.EnrollmentID")).isEqualTo("alice@org1.fdc");
            assertThat(identity.getId())
                    .isEqualTo("x509::CN=alice@org1.fdc, OU=client, C=US::CN=ca.org1.fdc, O=org1.fdc, C=US");
            assertThat(identity.getX509Certificate()).isEqualTo(alice.certificate());
        }

        @Test
        void aCertificateWithoutCustomAttributesHasNoRole() throws Exception {
            IssuedIdentity peer = ca.issue("Org1MSP", "peer0.org1.fdc", NodeOu.PEER, Map.of());
            ChaincodeStub stub = mock(ChaincodeStub.class);
            when(stub.getCreator()).thenReturn(peer.serialize());

            assertThat(new ClientIdentity(stub).getAttributeValue("fdc.role")).isNull();
        }
    }

    @Nested
    class Sign {
        @Test
        void signsLowSVerifiableWithTheCertificateKey() {
            IssuedIdentity peer = ca.issue("Org1MSP", "peer0.org1.fdc", NodeOu.PEER, Map.of());
            byte[] message = "endorsement".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] signature = peer.sign(message);
            assertThat(org.fdcfabric.protocol.Signatures.verify(
                            peer.certificate().getPublicKey(), message, signature))
                    .isTrue();
            assertThat(peer.sign(message)).as("deterministic").isEqualTo(signature);
        }
    }

    @Nested
    class Serialize {
        @Test
        void isSerializedIdentityWithThePemCertificate() throws Exception {
            IssuedIdentity peer = ca.issue("Org1MSP", "peer0.org1.fdc", NodeOu.PEER, Map.of());
            SerializedIdentity parsed = SerializedIdentity.parseFrom(peer.serialize());
            assertThat(parsed.getMspid()).isEqualTo("Org1MSP");
            assertThat(parsed.getIdBytes().toStringUtf8())
                    .startsWith("-----BEGIN CERTIFICATE-----\n")
                    .endsWith("-----END CERTIFICATE-----\n");
            assertThat(Pem.readCertificate(parsed.getIdBytes().toStringUtf8())).isEqualTo(peer.certificate());
        }
    }
}
