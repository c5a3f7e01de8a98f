package org.fdcfabric.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.client.config.InstanceLock;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.ledger.GenesisBlocks;
import org.fdcfabric.devnet.ledger.MvStoreLedger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetCommandsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

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

    private Path devnetDirectory(int port) throws Exception {
        Path data = dir.resolve("devnet");
        Files.createDirectories(data.resolve("ledgers/registration"));
        Files.writeString(data.resolve("ledgers/registration/blocks.mv.db"), "blocks");
        Files.writeString(data.resolve("connection-profile.json"), """
                {"name": "fdc-devnet", "gateway": {"address": "127.0.0.1:%d", "tlsRootCert": "tls.pem"},
                 "identities": {"alice": {"mspId": "Provider1MSP", "certificate": "a.pem", "privateKey": "a_sk"}}}
                """.formatted(port));
        return data;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A one-org, one-channel network definition whose chaincode jar is {@code jar}. */
    private Path tinyNetwork(String jar) throws Exception {
        return Files.writeString(dir.resolve("devnet.yaml"), """
                name: tiny
                ordererOrg: { name: orderer, mspId: OrdererMSP }
                orgs:
                  - name: org1
                    mspId: Org1MSP
                    users: [{ name: alice, role: provider }]
                gatewayOrg: Org1MSP
                channels:
                  - name: registration
                    orgs: [Org1MSP]
                    chaincodes:
                      - { name: registration, version: "1.0", jar: %s, policy: "MAJORITY Endorsement" }
                """.formatted(jar));
    }

    @Nested
    class Up {
        @Test
        void aMissingChaincodeJarIsNamedBeforeAnythingStarts() throws Exception {
            Path config = tinyNetwork("missing/registration.jar");

            int exit = fdc(
                    "devnet",
                    "up",
                    "--config",
                    config.toString(),
                    "--dir",
                    dir.resolve("data").toString());

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(err.toString())
                    .contains(dir.resolve("missing/registration.jar").toString())
                    .contains("mvn -pl");
            assertThat(dir.resolve("data")).doesNotExist();
        }

        @Test
        void aBrokenConfigIsAConfigurationError() throws Exception {
            Path config = Files.writeString(dir.resolve("devnet.yaml"), "name: x\nbogus: 1\n");

            int exit = fdc(
                    "devnet",
                    "up",
                    "--config",
                    config.toString(),
                    "--dir",
                    dir.resolve("data").toString());

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(err.toString()).contains("devnet.yaml");
        }

        @Test
        void aSecondUpOnARunningDevnetsDirectoryIsRefusedNamingIt() throws Exception {
            Path jar = Files.writeString(dir.resolve("registration.jar"), "not started");
            Path config = tinyNetwork(jar.toString());
            Path data = dir.resolve("data");

            try (InstanceLock running = InstanceLock.acquire(data, DevnetCommands.LOCK_FILE, "devnet", "--dir")) {
                int exit = fdc("devnet", "up", "--config", config.toString(), "--dir", data.toString());

                assertThat(exit).isEqualTo(ExitCodes.CONFLICT);
                assertThat(err.toString())
                        .contains(data + " is in use by another devnet (pid "
                                + ProcessHandle.current().pid() + ")")
                        .doesNotContain("LedgerException");
            }
            assertThat(data.resolve("ledgers")).doesNotExist();
        }

        @Test
        void theDefaultPortIsNoneAFabricNodeOrTheRealNetworkUses() throws Exception {
            String port = Fdc.commandLine(CliContext.system())
                    .getSubcommands()
                    .get("devnet")
                    .getSubcommands()
                    .get("up")
                    .getCommandSpec()
                    .findOption("--port")
                    .defaultValue();

            assertThat(port).isEqualTo(DevnetCommands.DEFAULT_PORT).isEqualTo("27051");
            // Fabric's defaults: orderer 7050, peer 7051, chaincode 7052, orderer admin 7053, CA 7054, operations
            assertThat(Integer.parseInt(port)).isNotIn(7050, 7051, 7052, 7053, 7054, 8443, 9443, 9444);
            try (Stream<Path> files = Files.walk(Path.of("..", "network-config"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContainPattern("\\b2705\\d\\b");
                }
            }
        }
    }

    @Nested
    class Verify {
        private Path config() throws Exception {
            return tinyNetwork("unused.jar");
        }

        private Path ledgerWithGenesis() {
            Path data = dir.resolve("data");
            try (MvStoreLedger ledger = MvStoreLedger.open(
                    Devnet.ledgerDirectory(data, "registration"),
                    "registration",
                    () -> GenesisBlocks.genesis("registration", Map.of(), Instant.parse("2026-12-07T00:00:00Z")))) {
                assertThat(ledger.height()).isEqualTo(1);
            }
            return data;
        }

        @Test
        void anIntactLedgerVerifies() throws Exception {
            Path data = ledgerWithGenesis();

            int exit = fdc("devnet", "verify", "--config", config().toString(), "--dir", data.toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("channel registration: 1 blocks verified");
        }

        @Test
        void aLedgerMissingCommittedBlocksIsReportedWithChannelFileAndBlocks() throws Exception {
            Path data = ledgerWithGenesis();
            // the record of what was committed says 5 blocks; the store holds 1 (its newest commits were cut off)
            Files.write(
                    Devnet.ledgerDirectory(data, "registration").resolve("ledger.height"),
                    java.nio.ByteBuffer.allocate(8).putLong(5).array());

            int exit = fdc("devnet", "verify", "--config", config().toString(), "--dir", data.toString());

            assertThat(exit).isEqualTo(ExitCodes.NOT_VERIFIED);
            assertThat(out.toString())
                    .contains("channel registration: blocks 1..4 were committed but are missing")
                    .contains("ledger.mv.db");
            assertThat(err.toString()).contains("damaged: registration").contains("--truncate-damaged");
        }
    }

    @Nested
    class Reset {
        @Test
        void withoutYesItOnlySaysWhatItWouldDelete() throws Exception {
            Path data = devnetDirectory(freePort());

            int exit = fdc("devnet", "reset", "--dir", data.toString());

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString())
                    .contains("--yes")
                    .contains(data.toAbsolutePath().toString());
            assertThat(data.resolve("ledgers/registration/blocks.mv.db")).exists();
        }

        @Test
        void withYesItDeletesEverything() throws Exception {
            Path data = devnetDirectory(freePort());

            int exit = fdc("devnet", "reset", "--dir", data.toString(), "--yes");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(data).doesNotExist();
            assertThat(out.toString()).contains("deleted");
        }

        @Test
        void aRunningDevnetIsNotDeleted() throws Exception {
            try (ServerSocket running = new ServerSocket(0)) {
                Path data = devnetDirectory(running.getLocalPort());

                int exit = fdc("devnet", "reset", "--dir", data.toString(), "--yes");

                assertThat(exit).isEqualTo(ExitCodes.CONFLICT);
                assertThat(err.toString()).contains("is running");
                assertThat(data.resolve("ledgers/registration/blocks.mv.db")).exists();
            }
        }

        @Test
        void nothingToResetIsFine() {
            int exit = fdc("devnet", "reset", "--dir", dir.resolve("absent").toString());

            assertThat(exit).isZero();
            assertThat(out.toString()).contains("nothing to reset");
        }
    }
}
