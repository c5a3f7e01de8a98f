package org.fdcfabric.client.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.client.testing.TestCredentials;
import org.fdcfabric.client.testing.TestProfiles;
import org.fdcfabric.protocol.profile.ConnectionProfile.ChannelNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileReaderTest {
    @TempDir
    Path dir;

    private final ProfileReader reader = new ProfileReader();

    private static final String YAML = """
            name: real-network
            gateway:
              address: peer0.org1.example.com:7051
              tlsRootCert: crypto/tlsca.pem
              serverNameOverride: ""
            identities:
              admin:
                mspId: Org1MSP
                certificate: /abs/admin/cert.pem
                privateKey: keys/admin_sk
                role: token-admin
            """;

    @Nested
    class Reading {
        @Test
        void readsJsonAndResolvesPathsAgainstTheProfilesDirectory() throws Exception {
            Path file = TestProfiles.write(dir.resolve("net"), "localhost:7051");

            LoadedProfile loaded = reader.read(file);

            assertThat(loaded.profile().name()).isEqualTo("test-network");
            assertThat(loaded.profile().gateway().address()).isEqualTo("localhost:7051");
            assertThat(loaded.tlsRootCert())
                    .isEqualTo(dir.resolve("net/tls/ca.pem").toAbsolutePath());
            assertThat(loaded.profile().identities()).containsOnlyKeys("alice", "bob");
        }

        @Test
        void readsYamlWithDefaultChannelsAndAbsolutePaths() throws Exception {
            Path file = Files.writeString(dir.resolve("profile.yaml"), YAML);

            LoadedProfile loaded = reader.read(file);

            assertThat(loaded.profile().channels()).isEqualTo(ChannelNames.defaults());
            assertThat(loaded.profile().identities().get("admin").role()).isEqualTo("token-admin");
            assertThat(loaded.resolve("/abs/admin/cert.pem")).isEqualTo(Path.of("/abs/admin/cert.pem"));
            assertThat(loaded.resolve("keys/admin_sk"))
                    .isEqualTo(dir.resolve("keys/admin_sk").toAbsolutePath());
        }
    }

    @Nested
    class BadProfiles {
        @Test
        void aMissingFileSaysHowToGetOne() {
            Path missing = dir.resolve("nope.json");

            assertThatThrownBy(() -> reader.read(missing))
                    .isInstanceOfSatisfying(
                            ProfileInvalid.class, e -> assertThat(e.file()).isEqualTo(missing))
                    .hasMessageContaining("no such connection profile")
                    .hasMessageContaining("fdc devnet up");
        }

        @Test
        void anUnknownFieldIsNamedWithItsLine() throws Exception {
            Path file = Files.writeString(dir.resolve("p.yaml"), YAML.replace("  address:", "  adress:"));

            assertThatThrownBy(() -> reader.read(file))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("unknown field 'gateway.adress'")
                    .hasMessageContaining("known fields there: address, serverNameOverride, tlsRootCert");
        }

        @Test
        void aBadAddressIsRefused() throws Exception {
            Path file = Files.writeString(dir.resolve("p.yaml"), YAML.replace("peer0.org1.example.com:7051", "peer0"));

            assertThatThrownBy(() -> reader.read(file))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("'gateway.address' must be host:port, was 'peer0'");
        }

        @Test
        void aMissingIdentityFieldIsNamed() throws Exception {
            Path file = Files.writeString(dir.resolve("p.yaml"), YAML.replace("    privateKey: keys/admin_sk\n", ""));

            assertThatThrownBy(() -> reader.read(file))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("identity 'admin': field 'privateKey' is required");
        }

        @Test
        void brokenJsonSaysWhere() throws Exception {
            Path file = Files.writeString(dir.resolve("p.json"), "{\"name\": \"x\",\n \"gateway\": {");

            assertThatThrownBy(() -> reader.read(file))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("not valid JSON")
                    .hasMessageContaining("line 2");
        }

        @Test
        void aNumberWhereAnObjectBelongsIsABadValue() throws Exception {
            Path file = Files.writeString(
                    dir.resolve("p.yaml"), YAML.replace("identities:\n  admin:", "identities:\n  admin: 5\n  x:"));

            assertThatThrownBy(() -> reader.read(file))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("bad value for 'identities.admin'");
        }
    }

    @Nested
    class Identities {
        @Test
        void loadsTheNamedIdentitysCertificateAndKey() throws Exception {
            LoadedProfile loaded = reader.read(TestProfiles.write(dir, "localhost:7051"));

            SigningMaterial bob = loaded.signingMaterial("bob");

            assertThat(bob.mspId()).isEqualTo("Org2MSP");
            assertThat(bob.certificate().getSubjectX500Principal().getName()).contains("CN=bob");
            assertThat(bob.toString()).doesNotContain(bob.privateKey().toString());
        }

        @Test
        void anUnknownIdentityListsTheKnownOnes() throws Exception {
            LoadedProfile loaded = reader.read(TestProfiles.write(dir, "localhost:7051"));

            assertThatThrownBy(() -> loaded.signingMaterial("carol"))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("no identity named 'carol'")
                    .hasMessageContaining("alice, bob");
        }

        @Test
        void noNameWithSeveralIdentitiesAsksForOne() throws Exception {
            LoadedProfile loaded = reader.read(TestProfiles.write(dir, "localhost:7051"));

            assertThatThrownBy(() -> loaded.signingMaterial(null))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("--as");
        }

        @Test
        void aMissingCertificateFileIsNamed() throws Exception {
            LoadedProfile loaded = reader.read(TestProfiles.write(dir, "localhost:7051"));
            Path cert = dir.resolve("users/alice/signcerts/cert.pem");
            Files.delete(cert);

            assertThatThrownBy(() -> loaded.signingMaterial("alice"))
                    .isInstanceOfSatisfying(
                            ProfileInvalid.class, e -> assertThat(e.file()).isEqualTo(cert.toAbsolutePath()))
                    .hasMessageContaining("certificate file does not exist");
        }

        @Test
        void aKeyThatIsNotPemIsNamed() throws Exception {
            LoadedProfile loaded = reader.read(TestProfiles.write(dir, "localhost:7051"));
            Path key = Files.writeString(dir.resolve("users/alice/keystore/priv_sk"), "not a key");

            assertThatThrownBy(() -> loaded.signingMaterial("alice"))
                    .isInstanceOfSatisfying(
                            ProfileInvalid.class, e -> assertThat(e.file()).isEqualTo(key.toAbsolutePath()))
                    .hasMessageContaining("is not a PEM private key");
        }

        @Test
        void aKeyOfAnotherCertificateIsRefused() throws Exception {
            LoadedProfile loaded = reader.read(TestProfiles.write(dir, "localhost:7051"));
            TestCredentials.generate("mallory").writePrivateKey(dir.resolve("users/alice/keystore/priv_sk"));

            assertThatThrownBy(() -> loaded.signingMaterial("alice"))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("does not belong to the certificate");
        }
    }
}
