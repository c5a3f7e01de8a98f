package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdcTest {
    @TempDir
    Path dir;

    @Nested
    class Help {
        @Test
        void listsEveryCommandGroupAndTheExitCodes() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("--help");

            assertThat(exit).isZero();
            assertThat(fdc.out())
                    .contains("devnet", "dataset", "token", "request", "pass", "job", "audit")
                    .contains("Exit codes:");
            ExitCodes.TABLE.forEach((code, meaning) -> assertThat(fdc.out())
                    .containsPattern("(?m)^ +" + code + " +" + java.util.regex.Pattern.quote(meaning) + "$"));
        }

        @Test
        void theExitCodeTableIsNotRepeatedInSubcommandHelpOrAfterUsageErrors() {
            CliHarness help = new CliHarness();
            help.run("token", "balance", "--help");
            CliHarness usage = new CliHarness();
            usage.run("token", "mint", "Org1MSP", "10", "--bogus");

            assertThat(help.out()).doesNotContain("Exit codes:").contains("Examples:");
            assertThat(usage.err())
                    .doesNotContain("Exit codes:")
                    .doesNotContain("Usage:")
                    .contains("Try 'fdc token mint --help'");
            assertThat(usage.err().lines()).hasSizeLessThanOrEqualTo(3);
        }

        @Test
        void datasetShowHelpWorksDespiteItsVersionOption() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("dataset", "show", "--help");

            assertThat(exit).as(fdc.err()).isZero();
            assertThat(fdc.out()).contains("Usage: fdc dataset show").contains("--version=<n>");
        }

        @Test
        void everyGroupListsItsCommands() {
            var commands = Fdc.commandLine(new CliHarness().context()).getSubcommands();

            assertThat(commands.get("dataset").getSubcommands()).containsKeys("register", "show", "list", "history");
            assertThat(commands.get("token").getSubcommands()).containsKeys("init", "mint", "transfer", "balance");
            assertThat(commands.get("request").getSubcommands()).containsKeys("submit");
            assertThat(commands.get("pass").getSubcommands()).containsKeys("grant", "deny", "revoke", "show");
            assertThat(commands.get("job").getSubcommands()).containsKeys("create", "accept", "show", "list", "cancel");
            assertThat(commands.get("audit").getSubcommands()).containsKeys("trail", "verify");
            assertThat(commands.get("devnet").getSubcommands()).containsKeys("up", "status", "reset");
        }

        @Test
        void aCommandBuildsOnlyItsGroupAndHelpBuildsThemAll() {
            var all = Fdc.commandLine(new CliHarness().context()).getSubcommands();
            var query = Fdc.commandLine(new CliHarness().context(), "dataset", "list", "--as", "alice")
                    .getSubcommands();
            var help = Fdc.commandLine(new CliHarness().context(), "--help").getSubcommands();
            var typo = Fdc.commandLine(new CliHarness().context(), "datset", "list")
                    .getSubcommands();

            assertThat(all)
                    .containsKeys("devnet", "dataset", "edge", "explorer")
                    .hasSize(14);
            assertThat(query.keySet()).containsExactly("dataset");
            assertThat(query.get("dataset").getSubcommands().keySet())
                    .isEqualTo(all.get("dataset").getSubcommands().keySet());
            assertThat(help.keySet()).isEqualTo(all.keySet());
            assertThat(typo.keySet()).isEqualTo(all.keySet());
        }

        @Test
        void bareFdcPrintsTheUsageOfEveryGroup() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run();

            assertThat(exit).isZero();
            assertThat(fdc.out()).contains("devnet", "dataset", "edge", "explorer", "Exit codes:");
        }

        @Test
        void everyNetworkCommandTakesTheSharedOptions() {
            CliHarness fdc = new CliHarness();

            fdc.run("token", "balance", "--help");

            assertThat(fdc.out()).contains("--as=<identity>", "--profile=<file>", "--json");
        }
    }

    @Nested
    class Usage {
        @Test
        void anUnknownOptionIsAUsageError() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("token", "mint", "Org1MSP", "10", "--bogus");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(fdc.err()).contains("Unknown option: '--bogus'");
        }

        @Test
        void aMissingRequiredOptionIsAUsageError() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("pass", "grant", "req-1", "ds-one", "--rounds", "3");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(fdc.err()).contains("--expires");
        }

        @Test
        void verifyNeedsASubjectOrAll() throws Exception {
            CliHarness fdc = new CliHarness(
                    (profile, identity) -> {
                        throw new AssertionError("must not connect");
                    },
                    Map.of());

            int exit = fdc.run("audit", "verify");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(fdc.err()).contains("give a <subject> or --all");
        }

        @Test
        void aMisspelledCommandIsAUsageErrorWithASuggestion() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("tokn", "balance");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(fdc.err()).contains("token");
        }

        @Test
        void withJsonAUsageErrorIsADocument() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("token", "mint", "Org1MSP", "ten", "--json");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            var error = CanonicalJson.tree(fdc.err().strip()).get("error");
            assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.USAGE);
            assertThat(error.get("message").asText()).contains("'ten'");
        }

        @Test
        void aMalformedAuditSubjectIsInvalidInputBeforeConnecting() {
            for (String subject : new String[] {"datset:kg-a", "dataset:", "wallet:a b", "kg-a"}) {
                for (String command : new String[] {"trail", "verify"}) {
                    CliHarness fdc = new CliHarness(
                            (profile, identity) -> {
                                throw new AssertionError("must not connect");
                            },
                            Map.of());

                    int exit = fdc.run("audit", command, subject);

                    assertThat(exit)
                            .as(command + " " + subject + ": " + fdc.err())
                            .isEqualTo(ExitCodes.INVALID_INPUT);
                    assertThat(fdc.err()).contains("INVALID_SUBJECT").contains("is not an audit subject");
                    assertThat(fdc.out()).isEmpty();
                }
            }
        }

        @Test
        void aNonNumericAmountIsAUsageError() {
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("token", "transfer", "Org2MSP", "ten");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(fdc.err()).contains("'ten'");
        }
    }

    @Nested
    class Profiles {
        @Test
        void aMissingProfileIsAConfigurationErrorNamingTheFile() {
            CliHarness fdc = new CliHarness();
            Path missing = dir.resolve("absent.json");

            int exit = fdc.run("token", "balance", "--profile", missing.toString());

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(fdc.err()).contains(missing.toString()).contains("no such connection profile");
        }

        @Test
        void theEnvironmentsProfileIsUsed() {
            Path missing = dir.resolve("from-env.yaml");
            CliHarness fdc = new CliHarness(Connector.gateway(), Map.of("FDC_PROFILE", missing.toString()));

            int exit = fdc.run("dataset", "list");

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(fdc.err()).contains(missing.toString());
        }

        @Test
        void anUnknownIdentityIsNamed() throws Exception {
            Path profile = CliCredentials.profile(dir, "localhost:7051");
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("token", "balance", "--profile", profile.toString(), "--as", "mallory");

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(fdc.err()).contains("no identity named 'mallory'").contains("alice");
        }
    }

    @Nested
    class Connection {
        @Test
        void anUnreachableGatewayNamesTheEndpoint() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path profile = CliCredentials.profile(dir, "localhost:" + port);
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("token", "balance", "--profile", profile.toString());

            assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(fdc.err()).startsWith("error: cannot reach the gateway at localhost:" + port + ": UNAVAILABLE");
        }

        @Test
        void withJsonTheErrorIsADocument() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path profile = CliCredentials.profile(dir, "localhost:" + port);
            CliHarness fdc = new CliHarness();

            int exit = fdc.run("token", "balance", "--json", "--profile", profile.toString());

            assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
            var error = CanonicalJson.tree(fdc.err().strip()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("Unreachable");
            assertThat(error.get("endpoint").asText()).isEqualTo("localhost:" + port);
            assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.UNREACHABLE);
        }
    }
}
