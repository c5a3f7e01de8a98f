package org.fdcfabric.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fdc demo}'s argument checks, which all fail before anything starts (the full run is {@link DemoIT}). */
class DemoCommandTest {
    @TempDir
    Path dir;

    private Path fakeRoot;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void chaincodeJarsExist() throws Exception {
        fakeRoot = dir.resolve("repo");
        for (String module : new String[] {"chaincode-registration", "chaincode-collaboration"}) {
            Path jar = fakeRoot.resolve(module).resolve("target").resolve(module + "-chaincode.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "not started by these tests");
        }
    }

    private int fdc(String... args) {
        return Fdc.commandLine(new CliContext(
                        Connector.gateway(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of(),
                        Clock.systemUTC(),
                        new SecureRandom()))
                .execute(args);
    }

    @Nested
    class Arguments {
        @Test
        void tooManyInstitutionsIsAUsageError() {
            int exit = fdc(
                    "demo",
                    "--root",
                    fakeRoot.toString(),
                    "--dir",
                    dir.resolve("run").toString(),
                    "--institutions",
                    "6");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("--institutions must be 1..5");
            assertThat(dir.resolve("run")).doesNotExist();
        }

        @Test
        void aRegressionModelIsRefused() {
            int exit = fdc("demo", "--root", fakeRoot.toString(), "--model", "linear");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("classifier");
        }

        @Test
        void anUnknownModelIsRefused() {
            int exit = fdc("demo", "--root", fakeRoot.toString(), "--model", "forest");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("unknown model family 'forest'");
        }

        @Test
        void aNonEmptyRunDirectoryIsRefusedUntouched() throws Exception {
            Path used = Files.createDirectories(dir.resolve("used"));
            Files.writeString(used.resolve("keep.txt"), "mine");

            int exit = fdc("demo", "--root", fakeRoot.toString(), "--dir", used.toString());

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("is not empty");
            assertThat(used.resolve("keep.txt")).hasContent("mine");
        }
    }

    @Nested
    class ExistingNetwork {
        private Path profile(String... identities) throws Exception {
            StringBuilder entries = new StringBuilder();
            for (int i = 0; i < identities.length; i += 3) {
                entries.append(i == 0 ? "" : ",")
                        .append(("\"%s\":{\"mspId\":\"%s\",\"certificate\":\"c.pem\",\"privateKey\":\"k.pem\","
                                        + "\"role\":\"%s\"}")
                                .formatted(identities[i], identities[i + 1], identities[i + 2]));
            }
            Path file = dir.resolve("profile.json");
            Files.writeString(
                    file,
                    "{\"name\":\"elsewhere\",\"gateway\":{\"address\":\"localhost:1\",\"tlsRootCert\":\"ca.pem\","
                            + "\"serverNameOverride\":\"\"},\"channels\":{\"registration\":\"registration\","
                            + "\"registrationChaincode\":\"registration\",\"collaboration\":\"collaboration\","
                            + "\"collaborationChaincode\":\"collaboration\"},\"identities\":{" + entries + "}}");
            return file;
        }

        @Test
        void aProfileWithoutATokenAdminIsAConfigurationErrorNamingThePhase() throws Exception {
            Path file = profile("alice", "Provider1MSP", "provider", "dave", "DataUserMSP", "data-user");

            int exit = fdc(
                    "demo",
                    "--profile",
                    file.toString(),
                    "--dir",
                    dir.resolve("run").toString());

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(err.toString())
                    .contains("no identity with role 'token-admin'")
                    .contains("phase 1");
        }

        @Test
        void tooFewProviderOrganisationsAreNamed() throws Exception {
            Path file = profile(
                    "admin",
                    "Provider1MSP",
                    "token-admin",
                    "alice",
                    "Provider1MSP",
                    "provider",
                    "alice2",
                    "Provider1MSP",
                    "provider",
                    "dave",
                    "DataUserMSP",
                    "data-user",
                    "erin",
                    "ComputeMSP",
                    "compute",
                    "frank",
                    "AuditorMSP",
                    "auditor");

            int exit = fdc(
                    "demo",
                    "--profile",
                    file.toString(),
                    "--institutions",
                    "2",
                    "--dir",
                    dir.resolve("run").toString());

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(err.toString())
                    .contains("1 organisation(s) [Provider1MSP]")
                    .contains("--institutions 2");
        }

        @Test
        void aMissingProfileFileIsNamed() {
            int exit = fdc("demo", "--profile", dir.resolve("absent.json").toString());

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(err.toString()).contains("absent.json is not a readable file");
        }
    }

    @Nested
    class Metrics {
        @Test
        void aTakenMetricsPortStopsTheDemoBeforeTheNetworkStarts() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int exit = fdc(
                        "demo",
                        "--root",
                        fakeRoot.toString(),
                        "--dir",
                        dir.resolve("run").toString(),
                        "--metrics-port",
                        Integer.toString(taken.getLocalPort()));

                assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
                assertThat(err.toString())
                        .contains("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort())
                        .contains("--no-metrics");
                assertThat(dir.resolve("run").resolve(DemoLayout.DEVNET)).doesNotExist();
            }
        }

        @Test
        void aBadMetricsPortIsAUsageError() {
            int exit = fdc(
                    "demo",
                    "--root",
                    fakeRoot.toString(),
                    "--dir",
                    dir.resolve("run").toString(),
                    "--metrics-port",
                    "70000");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("0..65535");
            assertThat(dir.resolve("run")).doesNotExist();
        }
    }

    @Nested
    class Setup {
        @Test
        void aMissingChaincodeJarIsNamedWithHowToBuildIt() {
            int exit = fdc("demo", "--root", dir.resolve("nowhere").toString());

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(err.toString())
                    .contains("chaincode-registration-chaincode.jar is missing")
                    .contains("demo.sh");
        }
    }
}
