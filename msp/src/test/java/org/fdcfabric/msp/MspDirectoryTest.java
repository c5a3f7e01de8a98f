package org.fdcfabric.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MspDirectoryTest {
    private final Clock clock = Clock.systemUTC();
    private final CertificateAuthority ca =
            CertificateAuthority.create("ca.org1.fdc", "org1.fdc", clock, Duration.ofDays(365), new SecureRandom());
    private final CertificateAuthority tlsCa =
            CertificateAuthority.create("tlsca.org1.fdc", "org1.fdc", clock, Duration.ofDays(365), new SecureRandom());

    @TempDir
    Path dir;

    @Nested
    class WriteLocal {
        @Test
        void laysOutFabricsFolders() throws Exception {
            IssuedIdentity peer = ca.issue("Org1MSP", "peer0.org1.fdc", NodeOu.PEER, Map.of());
            new MspDirectory(dir).writeLocal(peer, ca.certificate(), tlsCa.certificate());

            assertThat(dir.resolve("signcerts/peer0.org1.fdc-cert.pem")).isRegularFile();
            assertThat(dir.resolve("keystore/priv_sk")).content().startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keystore/priv_sk"))))
                    .isEqualTo("rw-------");
            assertThat(dir.resolve("cacerts/ca-cert.pem")).isRegularFile();
            assertThat(dir.resolve("tlscacerts/tlsca-cert.pem")).isRegularFile();
            assertThat(dir.resolve("config.yaml"))
                    .content()
                    .contains("NodeOUs:", "Enable: true", "PeerOUIdentifier:", "Certificate: \"cacerts/ca-cert.pem\"")
                    .contains("OrganizationalUnitIdentifier: \"orderer\"");
        }

        @Test
        void readsBackTheSameIdentityAndRoots() {
            IssuedIdentity user =
                    ca.issue("Org1MSP", "alice@org1.fdc", NodeOu.CLIENT, Map.of(CaAttributes.FDC_ROLE, "provider"));
            new MspDirectory(dir).writeLocal(user, ca.certificate(), tlsCa.certificate());

            MspMaterial read = new MspDirectory(dir).read("Org1MSP");

            assertThat(read.nodeOusEnabled()).isTrue();
            assertThat(read.caCertificates()).containsExactly(ca.certificate());
            assertThat(read.tlsCaCertificates()).containsExactly(tlsCa.certificate());
            IssuedIdentity signer = read.signingIdentity().orElseThrow();
            assertThat(signer.certificate()).isEqualTo(user.certificate());
            assertThat(signer.privateKey().getEncoded())
                    .isEqualTo(user.privateKey().getEncoded());
            assertThat(signer.serialize()).isEqualTo(user.serialize());
        }
    }

    @Nested
    class Read {
        @Test
        void aVerifyingMspHasNoSigner() {
            new MspDirectory(dir).writeVerifying(ca.certificate(), tlsCa.certificate());
            assertThat(new MspDirectory(dir).read("Org1MSP").signingIdentity()).isEmpty();
        }

        @Test
        void failsWithoutCaCerts() {
            assertThatThrownBy(() -> new MspDirectory(dir).read("Org1MSP"))
                    .isInstanceOf(MspException.class)
                    .hasMessageContaining("no cacerts");
        }

        @Test
        void namesTheFileThatIsNotPem() throws Exception {
            new MspDirectory(dir).writeVerifying(ca.certificate(), tlsCa.certificate());
            Files.writeString(dir.resolve("cacerts/broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
            assertThatThrownBy(() -> new MspDirectory(dir).read("Org1MSP"))
                    .isInstanceOf(MspException.class)
                    .hasMessageContaining("broken.pem");
        }

        @Test
        void requiresExactlyOneKey() throws Exception {
            IssuedIdentity peer = ca.issue("Org1MSP", "peer0", NodeOu.PEER, Map.of());
            new MspDirectory(dir).writeLocal(peer, ca.certificate(), tlsCa.certificate());
            Files.writeString(dir.resolve("keystore/second_sk"), Pem.privateKey(peer.privateKey()));
            assertThatThrownBy(() -> new MspDirectory(dir).read("Org1MSP"))
                    .isInstanceOf(MspException.class)
                    .hasMessageContaining("exactly one signcert and one key");
        }
    }

    @Nested
    class Tls {
        @Test
        void roundTripsServerCertificateKeyAndRoot() {
            IssuedIdentity server = tlsCa.issueTls("Org1MSP", "peer0.org1.fdc", List.of("localhost", "127.0.0.1"));
            TlsDirectory tls = new TlsDirectory(dir.resolve("tls"));
            tls.write(server, tlsCa.certificate());

            TlsDirectory.TlsMaterial read = tls.read("Org1MSP");
            assertThat(read.identity().certificate()).isEqualTo(server.certificate());
            assertThat(read.caCertificate()).isEqualTo(tlsCa.certificate());
            assertThat(tls.keyFile()).content().startsWith("-----BEGIN PRIVATE KEY-----");
        }
    }
}
