package org.fdcfabric.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.metrics.MetricsDoc;
import org.fdcfabric.metrics.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code fdc demo --profile} against a network it did not start: the built-in FDC devnet ({@code fdc devnet up}'s
 * network: alice, bob, carol as providers, dave, erin, frank, provider1-admin) started here, and the demo pointed at
 * the connection profile that devnet wrote. Reduced: 2 institutions, 1 round, 3 children per school.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoProfileIT {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Devnet devnet;
    private Path dir;
    private int exit;
    private JsonNode report;

    @BeforeAll
    void runTheDemoOnAnExistingNetwork() throws Exception {
        Path root =
                Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        Path base = Files.createTempDirectory("fdc-demo-profile-it");
        devnet = Devnet.start(DevnetConfig.defaults(root), base.resolve("network"), 0);
        dir = base.resolve("run");
        exit = Fdc.commandLine(new CliContext(
                        Connector.gateway(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of(),
                        Clock.systemUTC(),
                        new SecureRandom()))
                .execute(
                        "demo",
                        "--profile",
                        devnet.profileFile().toString(),
                        "--dir",
                        dir.toString(),
                        "--institutions",
                        "2",
                        "--rounds",
                        "1",
                        "--subjects",
                        "3",
                        "--no-progress");
        if (Files.exists(dir.resolve(DemoReport.JSON))) {
            report = new ObjectMapper().readTree(dir.resolve(DemoReport.JSON).toFile());
        }
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Nested
    class OnTheExistingNetwork {
        @Test
        void theCollaborationRunsWithTheProfilesIdentitiesAndAuditsClean() {
            assertThat(exit).as(err.toString() + out).isZero();
            assertThat(out.toString())
                    .contains("network of " + devnet.profileFile())
                    .contains("[1/8] network:")
                    .contains("token admin provider1-admin, data user dave, compute erin, auditor frank")
                    .contains("audit: CLEAN");
            assertThat(report.get("rounds")).hasSize(1);
        }

        @Test
        void noDevnetWasStartedByTheDemo() {
            assertThat(dir.resolve(DemoLayout.DEVNET)).doesNotExist();
        }

        @Test
        void theCentersAndTheCoordinatorServedDocumentedMetrics() throws Exception {
            for (String component : new String[] {"center-Provider1MSP", "center-Provider2MSP", "coordinator"}) {
                Scrape scrape = Scrape.parse(
                        Files.readString(dir.resolve(DemoLayout.METRICS).resolve(component + ".prom")));
                assertThat(MetricsDoc.undocumented(scrape)).as(component).isEmpty();
            }
            Scrape coordinator = Scrape.parse(
                    Files.readString(dir.resolve(DemoLayout.METRICS).resolve("coordinator.prom")));
            assertThat(coordinator.sum("fdc_coordinator_round_seconds_count")).isEqualTo(1);
            assertThat(coordinator.sum("fdc_coordinator_participants_sum")).isEqualTo(2);
            assertThat(dir.resolve(DemoLayout.METRICS).resolve("devnet.prom")).doesNotExist();
        }
    }
}
