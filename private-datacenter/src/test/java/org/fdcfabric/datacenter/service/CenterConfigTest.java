package org.fdcfabric.datacenter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fdcfabric.client.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CenterConfigTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = Map.of("FDC_KEYSTORE_PASSWORD", "s3cret");

    @BeforeEach
    void material() throws IOException {
        for (String file : new String[] {"profile.json", "server.crt", "server.key", "ca.crt", "peer.crt"}) {
            Files.writeString(dir.resolve(file), "x");
        }
    }

    private static final String VALID = """
            gateway:
              profile: profile.json
              identity: alice
            store:
              dataDir: data
              keystorePassword: { env: FDC_KEYSTORE_PASSWORD }
            tls:
              certificate: server.crt
              key: server.key
              trustedOrganizations:
                ComputeMSP: ca.crt
            listen: 0.0.0.0:7443
            advertisedAddress: grpcs://center1.example.org:7443
            datasets:
              - id: school-a-wearables
                testSubjects: 2
            secureAggregation:
              peers:
                school-b-wearables: peer.crt
            health:
              listen: 127.0.0.1:9470
            limits:
              maxMessageBytes: 1048576
              concurrentCalls: 3
              drainSeconds: 12
            """;

    private CenterConfig read(String yaml) throws Exception {
        Path file = dir.resolve("center.yaml");
        Files.writeString(file, yaml);
        return CenterConfig.read(file, ENV);
    }

    private ConfigException refused(String yaml) {
        Path file = dir.resolve("center.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> CenterConfig.read(file, ENV));
    }

    @Test
    void readsEveryKeyWithPathsRelativeToTheFile() throws Exception {
        CenterConfig config = read(VALID);

        assertThat(config.profile()).isEqualTo(dir.resolve("profile.json"));
        assertThat(config.identity()).isEqualTo("alice");
        assertThat(config.store().dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.store().jdbcUrl()).startsWith("jdbc:h2:file:");
        assertThat(new String(config.keystorePassword())).isEqualTo("s3cret");
        assertThat(config.trustedOrganizations()).containsEntry("ComputeMSP", dir.resolve("ca.crt"));
        assertThat(config.listen().getHostString()).isEqualTo("0.0.0.0");
        assertThat(config.listen().getPort()).isEqualTo(7443);
        assertThat(config.advertisedAddress().toString()).isEqualTo("grpcs://center1.example.org:7443");
        assertThat(config.datasets()).containsExactly(new CenterConfig.ServedDataset("school-a-wearables", 2));
        assertThat(config.maskingPeers()).containsEntry("school-b-wearables", dir.resolve("peer.crt"));
        assertThat(config.health()).isPresent();
        assertThat(config.limits()).isEqualTo(new CenterConfig.Limits(1_048_576, 3, Duration.ofSeconds(12)));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void optionalSectionsHaveDefaults() throws Exception {
        CenterConfig config = read(VALID.replaceAll("(?s)secureAggregation:.*", ""));

        assertThat(config.maskingPeers()).isEmpty();
        assertThat(config.health()).isEmpty();
        assertThat(config.edge()).isEmpty();
        assertThat(config.limits()).isEqualTo(CenterConfig.Limits.DEFAULT);
    }

    @Test
    void listsTablesBesideDatasetsWithATestShare() throws Exception {
        CenterConfig config = read(VALID.replace(
                "secureAggregation:",
                "tables:\n  - id: ward-stays\n    testPercent: 25\n  - id: clinic-visits\nsecureAggregation:"));

        assertThat(config.datasets()).containsExactly(new CenterConfig.ServedDataset("school-a-wearables", 2));
        assertThat(config.tables())
                .containsExactly(
                        new CenterConfig.ServedTable("ward-stays", 25),
                        new CenterConfig.ServedTable("clinic-visits", CenterConfig.ServedTable.DEFAULT_TEST_PERCENT));
    }

    @Test
    void servesTablesAlone() throws Exception {
        CenterConfig config =
                read(VALID.replaceAll("(?s)datasets:.*?testSubjects: 2\n", "tables:\n  - id: ward-stays\n"));

        assertThat(config.datasets()).isEmpty();
        assertThat(config.tables()).containsExactly(new CenterConfig.ServedTable("ward-stays", 20));
    }

    @Test
    void theTableExampleOfNetworkConfigReadsWithItsFilesInPlace() throws Exception {
        Path example = Path.of(System.getProperty("user.dir"))
                .resolveSibling("network-config")
                .resolve("center-table.yaml");
        String yaml = Files.readString(example)
                .replace("profiles/provider3.json", "profile.json")
                .replaceAll("\\.\\./organizations/\\S+/server\\.crt", "server.crt")
                .replaceAll("\\.\\./organizations/\\S+/server\\.key", "server.key")
                .replaceAll("\\.\\./organizations/\\S+-cert\\.pem", "ca.crt");
        CenterConfig config = read(yaml);

        assertThat(config.tables()).containsExactly(new CenterConfig.ServedTable("ward-stays-c", 20));
        assertThat(config.datasets()).isEmpty();
        assertThat(config.identity()).isEqualTo("carol");
    }

    @Nested
    class Refuses {
        @Test
        void aMissingKeyByItsDottedName() {
            ConfigException e = refused(VALID.replace("  key: server.key\n", ""));

            assertThat(e.key()).isEqualTo("tls.key");
            assertThat(e.getMessage()).contains("center.yaml").contains("'tls.key' is missing");
        }

        @Test
        void anUnknownKey() {
            ConfigException e = refused(VALID.replace("listen: 0.0.0.0:7443", "listne: 0.0.0.0:7443"));

            assertThat(e.key()).isEqualTo("listne");
            assertThat(e.getMessage()).contains("is not known here");
        }

        @Test
        void anInlineSecret() {
            ConfigException e = refused(VALID.replace("{ env: FDC_KEYSTORE_PASSWORD }", "hunter2"));

            assertThat(e.key()).isEqualTo("store.keystorePassword");
            assertThat(e.getMessage()).contains("must be a mapping");
        }

        @Test
        void aSecretWhoseVariableIsUnset() {
            ConfigException e = refused(VALID.replace("FDC_KEYSTORE_PASSWORD }", "NOT_SET }"));

            assertThat(e.key()).isEqualTo("store.keystorePassword");
            assertThat(e.getMessage()).contains("NOT_SET, which is not set");
        }

        @Test
        void aFileThatDoesNotExist() {
            ConfigException e = refused(VALID.replace("certificate: server.crt", "certificate: missing.crt"));

            assertThat(e.key()).isEqualTo("tls.certificate");
            assertThat(e.getMessage()).contains("missing.crt, which is not a readable file");
        }

        @Test
        void anAddressThatIsNotHostAndPort() {
            ConfigException e = refused(VALID.replace("listen: 0.0.0.0:7443", "listen: 7443"));

            assertThat(e.key()).isEqualTo("listen");
            assertThat(e.getMessage()).contains("must be host:port");
        }

        @Test
        void anAdvertisedAddressThatIsNotGrpcs() {
            ConfigException e = refused(VALID.replace("grpcs://center1", "http://center1"));

            assertThat(e.key()).isEqualTo("advertisedAddress");
        }

        @Test
        void aLimitOutOfRange() {
            ConfigException e = refused(VALID.replace("concurrentCalls: 3", "concurrentCalls: 0"));

            assertThat(e.key()).isEqualTo("limits.concurrentCalls");
            assertThat(e.getMessage()).contains("between 1 and 1024");
        }

        @Test
        void noDatasets() {
            ConfigException e = refused(VALID.replaceAll("(?s)datasets:.*?testSubjects: 2\n", "datasets: []\n"));

            assertThat(e.key()).isEqualTo("datasets");
        }

        @Test
        void neitherDatasetsNorTables() {
            ConfigException e = refused(VALID.replaceAll("(?s)datasets:.*?testSubjects: 2\n", ""));

            assertThat(e.key()).isEqualTo("datasets");
            assertThat(e.getMessage()).contains("'datasets' and 'tables' name no dataset");
        }

        @Test
        void aDatasetNamedTwice() {
            ConfigException e = refused(
                    VALID.replace("secureAggregation:", "tables:\n  - id: school-a-wearables\nsecureAggregation:"));

            assertThat(e.key()).isEqualTo("tables");
            assertThat(e.getMessage()).contains("names dataset school-a-wearables a second time");
        }

        @Test
        void aTestShareOutOfRange() {
            ConfigException e = refused(VALID.replace(
                    "secureAggregation:", "tables:\n  - id: ward-stays\n    testPercent: 100\nsecureAggregation:"));

            assertThat(e.key()).isEqualTo("tables[0].testPercent");
            assertThat(e.getMessage()).contains("between 1 and 99");
        }

        @Test
        void aFileThatIsNotYaml() {
            assertThatThrownBy(() -> read("[unclosed"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("center.yaml");
        }
    }
}
