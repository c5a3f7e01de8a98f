package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.client.ProfileInvalid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which a network command finds its profile and identity, and the error when it finds none. */
class ConnectionDefaultsTest {
    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private Path devnetProfile;
    private Path config;

    @BeforeEach
    void layOut() throws Exception {
        environment.put("HOME", dir.resolve("home").toString());
        environment.put(
                ConnectionDefaults.DEVNET_VARIABLE,
                dir.resolve("checkout/.fdc/devnet").toString());
        devnetProfile = dir.resolve("checkout/.fdc/devnet/connection-profile.json");
        config = dir.resolve("home/.config/fdc/config.yaml");
    }

    private ConnectionDefaults defaults() {
        return new ConnectionDefaults(environment);
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Nested
    class Profile {
        @Test
        void theFlagComesFirst() throws Exception {
            environment.put("FDC_PROFILE", "/from/env.yaml");
            write(config, "profile: from-config.yaml\n");
            write(devnetProfile, "{}");

            assertThat(defaults().profile(Path.of("given.json"))).isEqualTo(Path.of("given.json"));
        }

        @Test
        void thenFdcProfile() throws Exception {
            environment.put("FDC_PROFILE", "/from/env.yaml");
            write(config, "profile: from-config.yaml\n");
            write(devnetProfile, "{}");

            assertThat(defaults().profile(null)).isEqualTo(Path.of("/from/env.yaml"));
        }

        @Test
        void thenTheUsersConfigFileRelativeToItsFolder() throws Exception {
            write(config, "profile: nets/hospital.yaml\n");
            write(devnetProfile, "{}");

            assertThat(defaults().profile(null)).isEqualTo(config.getParent().resolve("nets/hospital.yaml"));
        }

        @Test
        void theConfigFileFollowsXdgConfigHome() throws Exception {
            environment.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
            write(dir.resolve("xdg/fdc/config.yaml"), "profile: /etc/fdc/net.yaml\n");
            write(config, "profile: not-this-one.yaml\n");

            assertThat(defaults().profile(null)).isEqualTo(Path.of("/etc/fdc/net.yaml"));
        }

        @Test
        void thenTheDefaultDevnetsWhateverTheWorkingDirectory() throws Exception {
            write(devnetProfile, "{}");

            assertThat(defaults().profile(null)).isEqualTo(devnetProfile).isAbsolute();
        }

        @Test
        void theDefaultDevnetIsUnderXdgDataHomeWithoutFdcDevnetDir() {
            environment.remove(ConnectionDefaults.DEVNET_VARIABLE);
            assertThat(defaults().devnetDirectory()).isEqualTo(dir.resolve("home/.local/share/fdc/devnet"));

            environment.put("XDG_DATA_HOME", dir.resolve("data").toString());
            assertThat(defaults().devnetDirectory()).isEqualTo(dir.resolve("data/fdc/devnet"));
        }

        @Test
        void noneFoundNamesEveryPlaceItLooked() {
            assertThatThrownBy(() -> defaults().profile(null))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining(devnetProfile.toString())
                    .hasMessageContaining("--profile (not given)")
                    .hasMessageContaining("$FDC_PROFILE (not set)")
                    .hasMessageContaining(config + " (no such file)")
                    .hasMessageContaining("fdc devnet up");
        }

        @Test
        void aMisspeltConfigKeyIsRefusedNamingIt() throws Exception {
            write(config, "profil: net.yaml\n");

            assertThatThrownBy(() -> defaults().profile(null))
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining(config.toString())
                    .hasMessageContaining("'profil' is not known here");
        }
    }

    @Nested
    class Identity {
        @Test
        void theFlagThenFdcAsThenTheConfigFileThenNone() throws Exception {
            assertThat(defaults().identity(null)).isEmpty();

            write(config, "as: frank\n");
            assertThat(defaults().identity(null)).contains("frank");

            environment.put("FDC_AS", "dave");
            assertThat(defaults().identity(null)).contains("dave");

            assertThat(defaults().identity("alice")).contains("alice");
        }
    }

    @Nested
    class ThroughTheCommandLine {
        @Test
        void aCommandWithoutProfileOrIdentityUsesTheDefaults() throws Exception {
            Path profile = CliCredentials.profile(dir.resolve("net"), "localhost:1");
            write(config, "profile: " + profile + "\nas: alice\n");
            List<String> asked = new ArrayList<>();
            CliHarness fdc = new CliHarness(
                    (file, identity) -> {
                        asked.add(file + " as " + identity);
                        throw new ProfileInvalid(file, "stop here");
                    },
                    environment);

            assertThat(fdc.run("dataset", "list")).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(asked).containsExactly(profile + " as alice");
        }

        @Test
        void devnetStatusNeedsNoIdentityWhenTheProfileHasSeveral() throws Exception {
            Path profile = CliCredentials.profile(dir.resolve("net"), "localhost:1");
            Files.writeString(
                    profile,
                    Files.readString(profile)
                            .replace(
                                    "\"identities\": {",
                                    "\"identities\": {\"zoe\": {\"mspId\": \"Org2MSP\", \"certificate\": "
                                            + "\"alice/cert.pem\", \"privateKey\": \"alice/key.pem\", "
                                            + "\"role\": \"auditor\"}, "));
            List<String> asked = new ArrayList<>();
            CliHarness fdc = new CliHarness(
                    (file, identity) -> {
                        asked.add(identity);
                        throw new ProfileInvalid(file, "stop here");
                    },
                    environment);

            fdc.run("devnet", "status", "--profile", profile.toString());
            fdc.run("dataset", "list", "--profile", profile.toString());

            assertThat(asked).containsExactly("alice", null);
        }

        @Test
        void noProfileAnywhereIsAConfigurationError() {
            CliHarness fdc = new CliHarness(Connector.gateway(), environment);

            assertThat(fdc.run("token", "balance")).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(fdc.err()).contains(devnetProfile.toString()).contains("$FDC_PROFILE (not set)");
        }
    }
}
