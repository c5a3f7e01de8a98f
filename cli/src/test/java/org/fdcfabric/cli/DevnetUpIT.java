package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fdcfabric.metrics.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fdc devnet up} as a user runs it: a separate JVM started from the repository root, showing its start-up
 * steps, checked with {@code fdc devnet status} (no identity needed) and a scrape of its metrics endpoint, protected
 * from {@code reset} and from a second {@code up} while running, stopped with SIGTERM, then reset.
 */
class DevnetUpIT {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fdc(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Fdc.commandLine(new CliContext(
                        Connector.gateway(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of(),
                        Clock.systemUTC(),
                        new SecureRandom()))
                .execute(args);
    }

    @Test
    void upStatusResetAndStop() throws Exception {
        Path data = dir.resolve("devnet");
        Process up =
                devnetUp(data, "--metrics-port", "0").redirectErrorStream(true).start();
        try {
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> readUntilUp(up));
            String banner = started.get(180, TimeUnit.SECONDS);
            assertThat(banner).contains("is up").contains("dave");
            // not a terminal: each start-up step is a line of its own, as it begins
            assertThat(banner)
                    .containsPattern("(?m)^\\[ *\\d+\\.\\d s\\] keys and certificates of 7 organisations$")
                    .containsPattern(
                            "(?m)^\\[ *\\d+\\.\\d s\\] chaincode server collaboration \\(channel collaboration\\)$")
                    .containsPattern("(?m)^\\[ *\\d+\\.\\d s\\] gateway on 127\\.0\\.0\\.1:\\d+$")
                    .doesNotContain("\r");
            Path profile = data.resolve("connection-profile.json");
            assertThat(profile).exists();

            // On a loaded machine the chaincodes' first calls can outlast the 5 s evaluate deadline: ask again.
            int status = ExitCodes.UNREACHABLE;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (status != 0 && System.nanoTime() < deadline) {
                // no --as: any of the profile's identities may probe
                status = fdc("devnet", "status", "--profile", profile.toString());
            }
            assertThat(status).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("channel registration:").contains("ok");

            Matcher metrics = Pattern.compile("metrics:\\s+(http://127\\.0\\.0\\.1:\\d+/metrics)")
                    .matcher(banner);
            assertThat(metrics.find()).as(banner).isTrue();
            Scrape scrape = Scrape.of(URI.create(metrics.group(1)));
            assertThat(scrape.sum("fdc_devnet_proposals_seconds_count", "operation", "evaluate"))
                    .as("fdc devnet status evaluated on both channels")
                    .isGreaterThanOrEqualTo(2);
            assertThat(scrape.sum("fdc_devnet_block_height", "channel", "registration"))
                    .isGreaterThanOrEqualTo(1);

            assertThat(fdc("devnet", "reset", "--dir", data.toString(), "--yes"))
                    .isEqualTo(ExitCodes.CONFLICT);
            assertThat(err.toString()).contains("is running");

            assertThat(fdc("devnet", "up", "--port", "0", "--no-metrics", "--dir", data.toString()))
                    .as("a second devnet on the same directory")
                    .isEqualTo(ExitCodes.CONFLICT);
            assertThat(err.toString())
                    .contains(data + " is in use by another devnet (pid " + up.pid() + ")")
                    .doesNotContain("LedgerException");
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS))
                    .as("devnet stops on SIGTERM")
                    .isTrue();
        }

        assertThat(fdc("devnet", "reset", "--dir", data.toString(), "--yes"))
                .as(err.toString())
                .isZero();
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void upWithJsonPrintsOneTypedLineOnceItServesAndItsStepsOnStandardError() throws Exception {
        Path data = dir.resolve("devnet");
        Path steps = dir.resolve("steps.txt");
        Process up = devnetUp(data, "--no-metrics", "--json")
                .redirectError(steps.toFile())
                .start();
        try {
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                        try {
                            return reader.readLine();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .get(180, TimeUnit.SECONDS);
            assertThat(line).as(Files.readString(steps)).isNotNull();

            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertThat(json.get("network").asText()).isEqualTo("fdc-devnet");
            assertThat(json.get("gateway").asText()).matches("(localhost|127\\.0\\.0\\.1):\\d+");
            assertThat(json.get("metrics")).as("off: absent").isNull();
            assertThat(json.get("profile").asText())
                    .isEqualTo(data.resolve("connection-profile.json").toString());
            assertThat(json.get("identities").isArray()).isTrue();
            assertThat(json.get("identities").toString()).contains("\"dave\"");
            assertThat(Files.readString(steps)).contains("keys and certificates of 7 organisations");
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS))
                    .as("devnet stops on SIGTERM")
                    .isTrue();
        }
    }

    /** {@code fdc devnet up} on any free port in its own JVM, started from the repository root as a user would. */
    private static ProcessBuilder devnetUp(Path data, String... options) {
        Path root =
                Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        List<String> line = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Fdc.class.getName(),
                "devnet",
                "up",
                "--port",
                "0",
                "--dir",
                data.toString()));
        line.addAll(List.of(options));
        return new ProcessBuilder(line).directory(root.toFile());
    }

    /**
     * Reads the child's output until the banner, keeping it for the failure message; then keeps draining it in the
     * background so the child never blocks on a full pipe.
     */
    private static String readUntilUp(Process process) {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("  identities:")) {
                    Thread drain = new Thread(() -> reader.lines().forEach(l -> {}), "devnet-output");
                    drain.setDaemon(true);
                    drain.start();
                    return seen.toString();
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            seen.append(e);
        }
        throw new AssertionError("fdc devnet up ended before it was up:\n" + seen);
    }
}
