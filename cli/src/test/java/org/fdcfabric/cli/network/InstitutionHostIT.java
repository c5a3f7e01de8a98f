package org.fdcfabric.cli.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md's multi-host procedure on real Fabric: {@code scripts/institution-host-test.sh} runs provider2's CA,
 * peer and chaincode servers in a network namespace of their own and the rest of the network in another, joined by a
 * veth pair, and checks each step (see the script). Needs the binaries as {@link RealFabricIT} does, and the right to
 * make network namespaces (root); without them it is skipped with a line saying why (with {@code CI=true}, missing
 * binaries fail it).
 */
class InstitutionHostIT {

    /** What the script took on the loaded 2-core test machine (load average 8-10 per core): 2 min 15 s. */
    private static final Duration QUIET = Duration.ofSeconds(90);

    @Test
    void anInstitutionOnItsOwnHostJoinsByTheDocumentedProcedure() {
        FabricBinaries binaries = FabricBinaries.requiredOrSkip();
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
        if (!root || !ip) {
            String why = "institution-host test skipped: it makes network namespaces, which needs root and iproute2"
                    + " (run scripts/institution-host-test.sh as root)";
            System.out.println(why);
            assumeTrue(false, why);
        }
        Path repository =
                Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        MachineBudget budget = MachineBudget.now();
        long started = System.nanoTime();
        Command run = Command.run(
                repository,
                binaries.scriptEnvironment(),
                List.of("bash", "scripts/institution-host-test.sh"),
                budget.timeoutFor(QUIET));
        System.out.printf(
                "institution host: exit %d after %.0f s (%s)%n%s",
                run.exitCode(), (System.nanoTime() - started) / 1e9, budget, checks(run.stderr()));
        assertThat(run.exitCode())
                .as(Command.tail(run.stdout()) + Command.tail(run.stderr()))
                .isZero();
        assertThat(run.stderr())
                .contains("ok: provider2 sent its MSP and TLS CA certificates, no private key")
                .contains("ok: a transfer bob submitted through provider2's gateway committed")
                .contains("ok: every process runs in a namespace this test made")
                .contains("PASSED");
    }

    private static String checks(String output) {
        StringBuilder lines = new StringBuilder();
        output.lines()
                .filter(line -> line.startsWith("institution-host-test: "))
                .forEach(line -> lines.append("  ").append(line).append('\n'));
        return lines.toString();
    }
}
