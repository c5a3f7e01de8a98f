package org.fdcfabric.devnet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fdcfabric.msp.CaAttributes;
import org.fdcfabric.msp.NodeOu;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoMaterialTest {
    @TempDir
    Path dir;

    private final DevnetConfig config = DevnetConfig.defaults(Path.of("."));

    @Nested
    class CreateOrLoad {
        @Test
        void issuesEveryOrgsPeerOrdererAndUsersWithRoles() {
            CryptoMaterial crypto = CryptoMaterial.createOrLoad(config, dir);
            CryptoMaterial.Org provider1 = crypto.org("Provider1MSP");
            assertThat(provider1.node().nodeOu()).contains(NodeOu.PEER);
            assertThat(provider1.node().name()).isEqualTo("peer0.provider1.fdc");
            assertThat(crypto.ordererOrg().node().nodeOu()).contains(NodeOu.ORDERER);
            CryptoMaterial.User alice = provider1.users().get("alice");
            assertThat(alice.identity().nodeOu()).contains(NodeOu.CLIENT);
            assertThat(CaAttributes.read(alice.identity().certificate())).containsEntry("fdc.role", "provider");
            CryptoMaterial.User admin = provider1.users().get("provider1-admin");
            assertThat(admin.identity().nodeOu()).contains(NodeOu.ADMIN);
            assertThat(CaAttributes.read(admin.identity().certificate())).containsEntry("fdc.role", "token-admin");
            assertThat(crypto.org("DataUserMSP").users().get("dave").role()).isEqualTo("data-user");
            assertThat(provider1.nodeTls().identity().certificate().getIssuerX500Principal())
                    .isEqualTo(provider1.msp().tlsCaCertificates().get(0).getSubjectX500Principal());
        }

        @Test
        void readsBackTheSameMaterialOnTheNextStart() {
            CryptoMaterial first = CryptoMaterial.createOrLoad(config, dir);
            CryptoMaterial second = CryptoMaterial.createOrLoad(config, dir);
            assertThat(second.org("AuditorMSP").users().get("frank").identity().certificate())
                    .isEqualTo(first.org("AuditorMSP")
                            .users()
                            .get("frank")
                            .identity()
                            .certificate());
            assertThat(second.ordererOrg().node().certificate())
                    .isEqualTo(first.ordererOrg().node().certificate());
        }

        @Test
        void issuesAUserAddedLaterWithTheSameCa() throws Exception {
            CryptoMaterial first = CryptoMaterial.createOrLoad(config, dir);
            DevnetConfig.OrgConfig auditor = config.org("AuditorMSP").orElseThrow();
            var users = new java.util.ArrayList<>(auditor.users());
            users.add(new DevnetConfig.UserConfig("grace", "auditor", false));
            var orgs = config.orgs().stream()
                    .map(org -> org == auditor ? new DevnetConfig.OrgConfig(org.name(), org.mspId(), users) : org)
                    .toList();
            DevnetConfig extended = new DevnetConfig(
                    config.name(),
                    config.ordererOrg(),
                    orgs,
                    config.gatewayOrg(),
                    config.channels(),
                    config.batch(),
                    config.baseDirectory());
            CryptoMaterial second = CryptoMaterial.createOrLoad(extended, dir);
            var grace = second.org("AuditorMSP").users().get("grace");
            grace.identity()
                    .certificate()
                    .verify(first.org("AuditorMSP")
                            .msp()
                            .caCertificates()
                            .get(0)
                            .getPublicKey());
            assertThat(second.org("AuditorMSP").users().get("frank").identity().certificate())
                    .isEqualTo(first.org("AuditorMSP")
                            .users()
                            .get("frank")
                            .identity()
                            .certificate());
        }

        @Test
        void ignoresALeftOverStagingFolder() throws Exception {
            Path staging = dir.resolve("provider1/users/.alice@provider1.fdc.tmp");
            Files.createDirectories(staging);
            Files.writeString(staging.resolve("junk"), "half written");
            CryptoMaterial crypto = CryptoMaterial.createOrLoad(config, dir);
            assertThat(crypto.org("Provider1MSP").users()).containsKey("alice");
            assertThat(staging).doesNotExist();
            assertThat(Map.of(
                                    "k",
                                    crypto.org("Provider1MSP")
                                            .users()
                                            .get("alice")
                                            .keyFile())
                            .get("k"))
                    .isRegularFile();
        }
    }
}
