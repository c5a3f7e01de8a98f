package org.fdcfabric.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole collaboration on a real Hyperledger Fabric 2.5 network, as a new institution would run it: {@code
 * scripts/network.sh up}, {@code channels}, {@code deploy} (7 CAs, a Raft orderer, 6 peers, 12 chaincode servers as
 * plain processes), {@code fdc demo --profile fabric-work/profiles/trial.json}, then an upgrade of both chaincodes to
 * version 1.1, sequence 2, and {@code network.sh down --purge}, also when a step fails. Everything asserted is read
 * back from the chain: every transaction of both channels VALID in its block's validation codes, the same chain on all
 * six peers, {@code fdc audit check} CLEAN (which includes token conservation), state and role checks unchanged by the
 * upgrade.
 *
 * <p>Needs Fabric's binaries ({@link FabricBinaries}); without them it is skipped with one line saying how to get
 * them, except with {@code CI=true}, where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealFabricIT {

    /** What {@code fdc demo --profile} with 2 rounds took on a quiet 2-core machine (docs/deploy.md). */
    private static final Duration QUIET_DEMO = Duration.ofSeconds(32);

    private static final String UPGRADED_VERSION = "1.1";
    private static final String UPGRADED_SEQUENCE = "2";
    private static final String MINTED = "5";

    private final ObjectMapper json = new ObjectMapper();
    private TrialNetwork network;
    private FdcRun demo;
    private final Map<String, Long> residentKbAfterDemo = new LinkedHashMap<>();
    private final Map<String, String> jvmOptions = new LinkedHashMap<>();
    private String datasetsBefore;
    private String datasetsAfter;
    private Map<String, Long> balancesBefore;
    private Map<String, Long> balancesAfterUpgrade;
    private Map<String, Long> balancesAfterMint;
    private Command upgrade;
    private List<FdcRun> refusedMints;
    private FdcRun permittedMint;
    private FdcRun auditCheck;

    @BeforeAll
    void runTheCollaborationOnRealFabricAndUpgrade() throws Exception {
        FabricBinaries binaries = FabricBinaries.requiredOrSkip();
        Path root =
                Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        Path base = root.resolve("cli/target/real-fabric");
        network = TrialNetwork.prepare(root, base.resolve("work"), base.resolve("logs"), binaries);
        if (Files.exists(network.work())) {
            // a run that was killed: stop what its pid files name and start afresh
            network.script("network.sh", TrialNetwork.QUIET_DOWN, "down", "--purge");
        }
        network.script("network.sh", TrialNetwork.QUIET_UP, "up");
        network.script("network.sh", TrialNetwork.QUIET_CHANNELS, "channels");
        network.script("network.sh", TrialNetwork.QUIET_DEPLOY, "deploy");

        Files.createDirectories(base);
        demo = fdc(
                MachineBudget.now().timeoutFor(QUIET_DEMO),
                "demo",
                "--dir",
                Files.createTempDirectory(base, "demo").toString(),
                "--rounds",
                "2",
                "--no-progress");
        if (demo.exit() != 0) {
            System.out.println("real Fabric: the demo failed:\n" + Command.tail(demo.out()) + Command.tail(demo.err()));
        }
        measureChaincodeServers();

        datasetsBefore = fdc("dataset", "list", "--json", "--as", "dave").out();
        balancesBefore = balances();
        network.script("deploy-chaincode.sh", TrialNetwork.QUIET_DOWN, "stop");
        upgrade = network.script(
                "deploy-chaincode.sh",
                TrialNetwork.QUIET_DEPLOY,
                "--version",
                UPGRADED_VERSION,
                "--sequence",
                UPGRADED_SEQUENCE,
                "all");
        datasetsAfter = fdc("dataset", "list", "--json", "--as", "dave").out();
        balancesAfterUpgrade = balances();
        refusedMints = List.of(
                fdc("token", "mint", "DataUserMSP", MINTED, "--as", "dave"),
                fdc("token", "mint", "Provider1MSP", MINTED, "--as", "alice"));
        permittedMint = fdc("token", "mint", "DataUserMSP", MINTED, "--as", "provider1-admin");
        balancesAfterMint = balances();
        auditCheck = fdc("audit", "check", "--json", "--as", "frank");
    }

    @AfterAll
    void tearDown() {
        if (network != null) {
            network.close();
        }
    }

    private FdcRun fdc(String... args) {
        return fdc(MachineBudget.now().timeoutFor(TrialNetwork.QUIET_PEER_CLI), args);
    }

    /** Runs fdc in this JVM against the trial profile and reports how long it took. */
    private FdcRun fdc(Duration timeout, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--profile", network.trialProfile().toString()));
        long started = System.nanoTime();
        FdcRun run = FdcRun.of(line);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "real Fabric: fdc %s: exit %d after %.1f s%n",
                String.join(" ", args), run.exit(), took.toMillis() / 1e3);
        assertThat(took)
                .as("fdc " + String.join(" ", args) + " within its budget")
                .isLessThan(timeout);
        return run;
    }

    private Map<String, Long> balances() throws Exception {
        Map<String, Long> balances = new LinkedHashMap<>();
        for (NetworkEnv.PeerOrg org : network.env().orgs()) {
            FdcRun run = fdc("token", "balance", org.mspId(), "--json", "--as", "frank");
            assertThat(run.exit()).as(run.err()).isZero();
            balances.put(org.mspId(), json.readTree(run.out()).get("balance").asLong());
        }
        return balances;
    }

    private void measureChaincodeServers() throws Exception {
        for (Map.Entry<String, Long> entry : network.pids().entrySet()) {
            if (!entry.getKey().startsWith("cc-")) {
                continue;
            }
            Path proc = Path.of("/proc", entry.getValue().toString());
            String status = Files.readString(proc.resolve("status"));
            long kb = Long.parseLong(status.replaceAll("(?s).*\\nVmRSS:\\s*(\\d+) kB.*", "$1"));
            residentKbAfterDemo.put(entry.getKey(), kb);
            jvmOptions.put(
                    entry.getKey(), Files.readString(proc.resolve("cmdline")).replace('\0', ' '));
        }
        long total =
                residentKbAfterDemo.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
                "real Fabric: %d chaincode servers after the demo: %d MB resident in total, %d MB the largest%n",
                residentKbAfterDemo.size(),
                total / 1024,
                residentKbAfterDemo.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(0)
                        / 1024);
    }

    private static long sum(Map<String, Long> balances) {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    @Nested
    class TheCollaboration {
        @Test
        void runsToTheEndAndItsOwnAuditIsClean() {
            assertThat(demo.exit()).as(demo.err() + demo.out()).isZero();
            assertThat(demo.out()).contains("audit: CLEAN");
        }

        @Test
        void everyTransactionOfBothChannelsIsValidInItsBlock() throws Exception {
            for (String channel : network.env().channelChaincodes().keySet()) {
                long height = chainInfo(channel, "auditor").get("height").asLong();
                List<ChainBlocks.Committed> committed = ChainBlocks.read(
                        network.trialProfile(),
                        "frank",
                        channel,
                        height,
                        MachineBudget.now().timeoutFor(TrialNetwork.QUIET_PEER_CLI));
                assertThat(committed).as(channel + ": every transaction VALID").allSatisfy(tx -> assertThat(tx.code())
                        .as(tx.toString())
                        .isEqualTo(TxValidationCode.VALID));
                assertThat(committed.stream().filter(tx -> tx.type().equals("ENDORSER_TRANSACTION")))
                        .as(channel + ": the collaboration's and the lifecycle's transactions")
                        .hasSizeGreaterThan(10);
                System.out.printf(
                        "real Fabric: %s: %d blocks, %d transactions, all VALID%n", channel, height, committed.size());
            }
        }

        @Test
        void allSixPeersHoldTheSameChain() {
            for (String channel : network.env().channelChaincodes().keySet()) {
                Map<String, String> tips = new LinkedHashMap<>();
                for (NetworkEnv.PeerOrg org : network.env().orgs()) {
                    JsonNode info = chainInfo(channel, org.name());
                    tips.put(
                            org.name(),
                            info.get("height").asLong() + " "
                                    + info.get("currentBlockHash").asText());
                }
                assertThat(tips.values().stream().distinct())
                        .as(channel + ": " + tips)
                        .hasSize(1);
            }
        }

        @Test
        void theAuditorsCheckAfterwardsIsCleanAndTheTokensAddUp() throws Exception {
            assertThat(auditCheck.exit())
                    .as(auditCheck.err() + auditCheck.out())
                    .isZero();
            JsonNode report = json.readTree(auditCheck.out());
            assertThat(report.get("verdict").asText()).isEqualTo("CLEAN");
            assertThat(report.get("violations")).isEmpty();
            assertThat(report.at("/coverage/accounts").asInt()).isGreaterThanOrEqualTo(6);
            assertThat(report.at("/coverage/rounds").asInt()).isEqualTo(2);
        }

        private JsonNode chainInfo(String channel, String org) {
            String out =
                    network.peerAdmin(org, "channel", "getinfo", "-c", channel).stdout();
            int at = out.indexOf('{');
            assertThat(at).as(out).isNotNegative();
            try {
                return json.readTree(out.substring(at));
            } catch (Exception e) {
                throw new AssertionError("peer channel getinfo printed " + out, e);
            }
        }
    }

    @Nested
    class TheUpgradeToVersion11Sequence2 {
        @Test
        void isCommittedForBothChaincodes() {
            String printed = upgrade.stdout() + upgrade.stderr();
            for (String chaincode : network.env().channelChaincodes().values()) {
                assertThat(printed).contains("Committed chaincode definition for chaincode '" + chaincode + "'");
            }
            for (Map.Entry<String, String> channel :
                    network.env().channelChaincodes().entrySet()) {
                String committed = network.peerAdmin(
                                "auditor",
                                "lifecycle",
                                "chaincode",
                                "querycommitted",
                                "--channelID",
                                channel.getKey(),
                                "--name",
                                channel.getValue())
                        .stdout();
                assertThat(committed)
                        .contains("Version: " + UPGRADED_VERSION + ", Sequence: " + UPGRADED_SEQUENCE + ",");
            }
        }

        @Test
        void keepsTheRegistryAndEveryBalance() {
            assertThat(datasetsBefore).contains("school-a-wearables", "school-b-wearables", "school-c-wearables");
            assertThat(datasetsAfter).isEqualTo(datasetsBefore);
            assertThat(sum(balancesBefore)).isPositive();
            assertThat(balancesAfterUpgrade).isEqualTo(balancesBefore);
        }

        @Test
        void stillRefusesCallersWithoutTheRoleAndWritesNothing() {
            assertThat(refusedMints).allSatisfy(run -> {
                assertThat(run.exit()).as(run.err()).isEqualTo(4);
                assertThat(run.err()).contains("UNAUTHORIZED_ROLE");
            });
            assertThat(permittedMint.exit()).as(permittedMint.err()).isZero();
            Map<String, Long> expected = new LinkedHashMap<>(balancesAfterUpgrade);
            expected.merge("DataUserMSP", Long.parseLong(MINTED), Long::sum);
            assertThat(balancesAfterMint)
                    .as("only the token admin's mint changed a balance")
                    .isEqualTo(expected);
        }
    }

    @Nested
    class TheNodes {
        @Test
        void chaincodeServersRunWithTheDefaultSmallHeap() {
            assertThat(residentKbAfterDemo).hasSize(12);
            assertThat(jvmOptions.values()).allSatisfy(cmd -> assertThat(cmd).contains("-Xmx256m", "-XX:+UseSerialGC"));
            // a 256 MB heap plus the JVM's own code, class and thread memory; the JVM's defaults took 0.7-1.3 GB
            assertThat(residentKbAfterDemo.values())
                    .allSatisfy(kb -> assertThat(kb).isLessThan(512 * 1024));
        }

        @Test
        void readinessProbesLeaveNoHandshakeErrorsInTheNodesLogs() {
            assertThat(network.logs()).allSatisfy((file, log) -> assertThat(
                            log.lines().filter(line -> line.contains("handshake") && line.contains("EOF")))
                    .as(file)
                    .isEmpty());
        }
    }
}
