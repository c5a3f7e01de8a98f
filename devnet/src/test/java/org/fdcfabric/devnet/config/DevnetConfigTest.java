package org.fdcfabric.devnet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetConfigTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            name: n
            ordererOrg: { name: orderer, mspId: OrdererMSP }
            orgs:
              - name: org1
                mspId: Org1MSP
                users: [ { name: alice, role: provider } ]
            gatewayOrg: Org1MSP
            channels:
              - name: ch
                orgs: [Org1MSP]
                chaincodes: [ { name: kv, version: "1", jar: cc/kv.jar, policy: "ANY Endorsement" } ]
            """;

    private DevnetConfig load(String yaml) throws Exception {
        Path file = dir.resolve("devnet.yaml");
        Files.writeString(file, yaml);
        return DevnetConfig.load(file);
    }

    @Nested
    class Defaults {
        @Test
        void defineTheFdcNetwork() {
            DevnetConfig config = DevnetConfig.defaults(Path.of("/repo"));
            assertThat(config.ordererOrg().mspId()).isEqualTo("OrdererMSP");
            assertThat(config.orgs())
                    .extracting(DevnetConfig.OrgConfig::mspId)
                    .containsExactly(
                            "Provider1MSP", "Provider2MSP", "Provider3MSP", "DataUserMSP", "ComputeMSP", "AuditorMSP");
            assertThat(config.orgs().stream().flatMap(org -> org.users().stream()))
                    .extracting(DevnetConfig.UserConfig::role)
                    .contains("provider", "data-user", "compute", "auditor", "token-admin");
            assertThat(config.channels())
                    .extracting(DevnetConfig.ChannelConfig::name)
                    .containsExactly("registration", "collaboration");
            assertThat(config.jar(config.channels().get(0).chaincodes().get(0)))
                    .isEqualTo(Path.of("/repo/chaincode-registration/target/chaincode-registration-chaincode.jar"));
        }

        @Test
        void takeTheirJarsFromAnInstalledFolderByFileName() {
            DevnetConfig config = DevnetConfig.defaults(Path.of("/repo")).withJarsIn(Path.of("/opt/fdc/chaincode"));
            assertThat(config.channels().stream().flatMap(channel -> channel.chaincodes().stream()))
                    .extracting(config::jar)
                    .containsExactly(
                            Path.of("/opt/fdc/chaincode/chaincode-registration-chaincode.jar"),
                            Path.of("/opt/fdc/chaincode/chaincode-collaboration-chaincode.jar"));
            assertThat(config.orgs())
                    .isEqualTo(DevnetConfig.defaults(Path.of("/repo")).orgs());
        }
    }

    @Nested
    class Load {
        @Test
        void resolvesJarsAgainstTheConfigFolderAndDefaultsTheBatch() throws Exception {
            DevnetConfig config = load(VALID);
            assertThat(config.jar(config.channels().get(0).chaincodes().get(0))).isEqualTo(dir.resolve("cc/kv.jar"));
            assertThat(config.batch().maxMessageCount()).isEqualTo(500);
            assertThat(config.orgs().get(0).users().get(0).admin()).isFalse();
        }

        @Test
        void rejectsAnUnknownChannelMember() {
            assertThatThrownBy(() -> load(VALID.replace("orgs: [Org1MSP]", "orgs: [Org9MSP]")))
                    .hasMessageContaining("unknown org: Org9MSP");
        }

        @Test
        void rejectsAnUnknownRole() {
            assertThatThrownBy(() -> load(VALID.replace("role: provider", "role: king")))
                    .hasMessageContaining("role of alice");
        }

        @Test
        void rejectsUnknownPropertiesAndMissingPolicies() {
            assertThatThrownBy(() -> load(VALID.replace("name: n", "name: n\ncolour: red")))
                    .hasMessageContaining("colour");
            assertThatThrownBy(() -> load(VALID.replace(", policy: \"ANY Endorsement\"", "")))
                    .hasMessageContaining("needs an endorsement policy");
        }

        @Test
        void rejectsDuplicateUsersAndBadGatewayOrg() {
            assertThatThrownBy(() -> load(VALID.replace(
                            "users: [ { name: alice, role: provider } ]",
                            "users: [ { name: alice }, { name: alice } ]")))
                    .hasMessageContaining("user name used twice");
            assertThatThrownBy(() -> load(VALID.replace("gatewayOrg: Org1MSP", "gatewayOrg: OrdererMSP")))
                    .hasMessageContaining("gatewayOrg");
        }

        @Test
        void rejectsChannelNamesFabricRefuses() {
            assertThatThrownBy(() -> load(VALID.replace("- name: ch", "- name: Ch_1")))
                    .hasMessageContaining("channel name");
        }
    }
}
