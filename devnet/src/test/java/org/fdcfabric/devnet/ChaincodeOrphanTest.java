package org.fdcfabric.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.devnet.testcc.TestChaincodeJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A devnet killed with SIGKILL takes its chaincode servers with it, and starting it again on the same directory
 * leaves exactly its new servers running. Before the parent watch, each kill -9 left its servers behind (about
 * 370 MB each) and every restart added more.
 */
class ChaincodeOrphanTest {
    @TempDir
    Path dir;

    @Test
    void chaincodeServersDieWithAKilledDevnetAndARestartLeavesNoOrphans() throws Exception {
        Path config = writeConfig(dir, TestChaincodeJar.build(dir.resolve("cc")));
        Path data = dir.resolve("data");
        Process devnet = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DevnetMain.class.getName(),
                        config.toString(),
                        data.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("devnet.log").toFile()))
                .start();
        List<ProcessHandle> servers;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(devnet.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the devnet child started").isEqualTo(DevnetMain.READY);
            servers = chaincodeServers(devnet.toHandle());
            assertThat(servers)
                    .as("its chaincode server runs under the parent watch")
                    .hasSize(1);

            devnet.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(devnet.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        for (ProcessHandle server : servers) {
            // the pipe closes with the killed JVM; the server only has to be scheduled once to see it
            server.onExit().get(2, TimeUnit.MINUTES);
            assertThat(server.isAlive()).isFalse();
        }

        try (Devnet restarted = Devnet.start(DevnetConfig.load(config), data, 0)) {
            List<ProcessHandle> now = chaincodeServers(ProcessHandle.current());
            assertThat(now).hasSize(1);
            assertThat(now.get(0).pid()).isNotEqualTo(servers.get(0).pid());
        }
        assertThat(chaincodeServers(ProcessHandle.current()))
                .as("close() stops them too")
                .isEmpty();
    }

    private static List<ProcessHandle> chaincodeServers(ProcessHandle parent) {
        return parent.children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info()
                        .arguments()
                        .map(List::of)
                        .orElse(List.of())
                        .contains("org.fdcfabric.devnet.chaincode.ParentWatchLauncher"))
                .toList();
    }

    static Path writeConfig(Path dir, Path jar) throws Exception {
        Path configFile = dir.resolve("devnet.yaml");
        Files.writeString(configFile, """
                name: orphan-net
                ordererOrg: { name: orderer, mspId: OrdererMSP }
                orgs:
                  - { name: org1, mspId: Org1MSP, users: [ { name: alice, role: provider } ] }
                gatewayOrg: Org1MSP
                channels:
                  - name: alpha
                    orgs: [Org1MSP]
                    chaincodes: [ { name: kv, version: "1", jar: "%s", policy: "MAJORITY Endorsement" } ]
                batch: { maxMessageCount: 10, timeoutMillis: 20 }
                """.formatted(jar));
        return configFile;
    }

    /** A devnet in its own JVM: prints {@link #READY} once it serves, then waits to be killed. */
    public static final class DevnetMain {
        static final String READY = "devnet ready";

        private DevnetMain() {}

        public static void main(String[] args) throws Exception {
            Devnet devnet = Devnet.start(DevnetConfig.load(Path.of(args[0])), Path.of(args[1]), 0);
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            devnet.close();
        }
    }
}
