package org.fdcfabric.cli.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.fdcfabric.datacenter.edge.EdgeServer;
import org.fdcfabric.datacenter.edge.TlsFiles;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.metrics.MetricsDoc;
import org.fdcfabric.metrics.Scrape;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EdgeRunCommandTest {
    @TempDir
    Path dir;

    /** Pi4J's mock I2C, with an ADXL345's id and 400 samples of (+1 g, -1 g, +0.5 g) queued in its registers. */
    private static final class QueuedAdxl345 extends MockI2CProviderImpl {
        @Override
        public I2C create(I2CConfig config) {
            I2C i2c = super.create(config);
            i2c.writeRegister(0x00, (byte) 0xE5);
            for (int i = 0; i < 400; i++) {
                i2c.writeRegister(0x32, new byte[] {0x00, 0x01, 0x00, (byte) 0xFF, (byte) 0x80, 0x00}, 0, 6);
            }
            return i2c;
        }
    }

    private static Context mockPi() {
        return Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(new QueuedAdxl345())
                .build();
    }

    @Nested
    class Run {
        @Test
        void streamsDecodedSamplesToTheCenterAndDrainsBeforeExiting() throws Exception {
            DevicePki pki = new DevicePki(dir.resolve("pki"));
            TlsFiles device = pki.issue("pi-7");
            try (CenterStore center = CenterStore.open(
                            StoreConfig.embedded(dir.resolve("center")), "test-password".toCharArray());
                    EdgeServer server =
                            EdgeServer.start(0, pki.issue("center"), center.readings(), new SimpleMeterRegistry())) {
                StringWriter out = new StringWriter();
                CommandLine cli =
                        new CommandLine(new EdgeRunCommand(EdgeRunCommandTest::mockPi, SimpleMeterRegistry::new));
                cli.setOut(new PrintWriter(out, true));
                StringWriter err = new StringWriter();
                cli.setErr(new PrintWriter(err, true));

                int code = cli.execute(
                        "--center",
                        "localhost:" + server.port(),
                        "--device-id",
                        "pi-7",
                        "--subject",
                        "kid-3",
                        "--sensor",
                        "ADXL345",
                        "--rate",
                        "20",
                        "--duration",
                        "PT1S",
                        "--cert",
                        device.certificateChain().toString(),
                        "--key",
                        device.privateKey().toString(),
                        "--ca",
                        device.trustedCa().toString(),
                        "--buffer",
                        dir.resolve("buffer.mv.db").toString());

                assertThat(code).as(err.toString()).isZero();
                assertThat(out.toString())
                        .contains("streaming ADXL345 readings as pi-7")
                        .contains("0 readings still buffered");
                List<Reading> stored = center.readings().read("pi-7");
                assertThat(stored).hasSizeGreaterThanOrEqualTo(5);
                assertThat(stored)
                        .extracting(Reading::sequence)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, stored.size()).boxed().toList());
                assertThat(stored).allSatisfy(r -> {
                    assertThat(r.values()).containsExactly(1.0, -1.0, 0.5);
                    assertThat(r.subject()).isEqualTo("kid-3");
                });
            }
        }

        @Test
        void runAgainstServeStoresEveryReadingInTheCenter() throws Exception {
            DevicePki pki = new DevicePki(dir.resolve("pki"));
            TlsFiles centerTls = pki.issue("center");
            TlsFiles device = pki.issue("pi-8");
            Path password = Files.writeString(dir.resolve("pw"), "serve-test-password");
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            StringWriter serveOut = new StringWriter();
            CommandLine serve =
                    new CommandLine(new EdgeServeCommand(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
            serve.setOut(new PrintWriter(serveOut, true));
            AtomicInteger serveCode = new AtomicInteger(-1);
            Thread serving = new Thread(() -> serveCode.set(serve.execute(
                    "--data-dir", dir.resolve("center").toString(),
                    "--keystore-password-file", password.toString(),
                    "--port", Integer.toString(port),
                    "--metrics-port", "0",
                    "--cert", centerTls.certificateChain().toString(),
                    "--key", centerTls.privateKey().toString(),
                    "--device-ca", centerTls.trustedCa().toString())));
            serving.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!serveOut.toString().contains("listening") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            CommandLine run = new CommandLine(new EdgeRunCommand(EdgeRunCommandTest::mockPi, SimpleMeterRegistry::new));
            StringWriter runOut = new StringWriter();
            run.setOut(new PrintWriter(runOut, true));
            int code = run.execute(
                    "--center",
                    "localhost:" + port,
                    "--device-id",
                    "pi-8",
                    "--sensor",
                    "ADXL345",
                    "--rate",
                    "10",
                    "--duration",
                    "PT1S",
                    "--cert",
                    device.certificateChain().toString(),
                    "--key",
                    device.privateKey().toString(),
                    "--ca",
                    device.trustedCa().toString(),
                    "--buffer",
                    dir.resolve("buffer8.mv.db").toString());

            Matcher metricsUrl = Pattern.compile("metrics: (http://\\S+)").matcher(serveOut.toString());
            assertThat(metricsUrl.find()).as(serveOut.toString()).isTrue();
            Scrape scrape = Scrape.of(URI.create(metricsUrl.group(1)));
            serving.interrupt();
            serving.join(30_000);
            assertThat(code).as(runOut.toString()).isZero();
            assertThat(serveCode.get()).isZero();
            assertThat(serveOut.toString()).contains("edge ingest stopped");
            assertThat(serveOut.toString()).contains("edge ingest listening on port " + port);
            try (CenterStore center = CenterStore.open(
                    StoreConfig.embedded(dir.resolve("center")), "serve-test-password".toCharArray())) {
                List<Reading> stored = center.readings().read("pi-8");
                assertThat(stored).isNotEmpty();
                assertThat(stored)
                        .extracting(Reading::sequence)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, stored.size()).boxed().toList());
                assertThat(runOut.toString()).contains("0 readings still buffered");
                assertThat(scrape.sum("fdc_edge_ingest_readings_total", "result", "stored"))
                        .isEqualTo(stored.size());
                assertThat(scrape.sum("fdc_center_readings_stored_total")).isEqualTo(stored.size());
                assertThat(MetricsDoc.undocumented(scrape)).isEmpty();
            }
        }

        @Test
        void aCenterWithoutPortIsAUsageError() {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new EdgeRunCommand(EdgeRunCommandTest::mockPi, SimpleMeterRegistry::new));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(
                    "--center",
                    "localhost",
                    "--device-id",
                    "pi-7",
                    "--sensor",
                    "ADXL345",
                    "--cert",
                    "c",
                    "--key",
                    "k",
                    "--ca",
                    "a");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("--center must be host:port, was localhost");
        }
    }
}
