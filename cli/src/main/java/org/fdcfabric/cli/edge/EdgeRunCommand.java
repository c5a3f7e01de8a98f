package org.fdcfabric.cli.edge;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.datacenter.device.Adxl345;
import org.fdcfabric.datacenter.device.Bme280;
import org.fdcfabric.datacenter.device.Sensor;
import org.fdcfabric.datacenter.edge.EdgeAgent;
import org.fdcfabric.datacenter.edge.EdgeAgentConfig;
import org.fdcfabric.datacenter.edge.EdgeBuffer;
import org.fdcfabric.datacenter.edge.TlsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fdc edge run}: opens the sensor on the Pi's I2C bus (Pi4J's Linux providers), samples it at the given
 * rate into the on-disk buffer and streams the buffer to the data center over mutual TLS. Runs until stopped,
 * or for {@code --duration}, after which it sends what is buffered before exiting.
 */
@Command(
        name = "run",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc edge run --sensor simulated --device-id wrist-1 --center \\",
            "      localhost:7443 --ca ca.pem --cert device.pem --key device.key \\",
            "      --duration 60s"
        },
        description = "Sample a sensor and stream its readings to the data center (mTLS gRPC).",
        mixinStandardHelpOptions = true)
public final class EdgeRunCommand implements Callable<Integer> {
    /** The sensors the agent can drive. */
    enum SensorKind {
        ADXL345,
        BME280
    }

    private final Supplier<Context> pi4j;
    private final Supplier<? extends MeterRegistry> registry;

    @Option(names = "--center", required = true, description = "The data center's edge endpoint, host:port.")
    String center;

    @Option(names = "--device-id", required = true, description = "This device's id (its certificate's CN).")
    String deviceId;

    @Option(names = "--subject", defaultValue = "", description = "Who wears the device (empty: nobody).")
    String subject;

    @Option(names = "--sensor", required = true, description = "ADXL345 or BME280.")
    SensorKind sensorKind;

    @Option(names = "--i2c-bus", defaultValue = "1", description = "I2C bus (default: ${DEFAULT-VALUE}).")
    int bus;

    @Option(names = "--i2c-address", description = "I2C address, e.g. 0x53 (default: the sensor's usual one).")
    String address;

    @Option(
            names = "--range",
            defaultValue = "G8",
            description = "ADXL345 range: G2, G4, G8, G16 (default: ${DEFAULT-VALUE}).")
    Adxl345.Range range;

    @Option(names = "--rate", defaultValue = "1", description = "Samples per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--batch", defaultValue = "500", description = "Readings per call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--cert", required = true, description = "Device certificate chain (PEM).")
    Path cert;

    @Option(names = "--key", required = true, description = "Device private key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--ca", required = true, description = "CA certificate of the data center (PEM).")
    Path ca;

    @Option(names = "--buffer", description = "On-disk buffer file (default: ./edge-buffer/<device-id>.mv.db).")
    Path buffer;

    @Option(
            names = "--duration",
            description = "Stop after this long (ISO-8601, e.g. PT10M); default: run until stopped.")
    Duration duration;

    @Spec
    CommandSpec spec;

    /** On a Raspberry Pi: Pi4J's auto-detected (Linux) providers. */
    public EdgeRunCommand(Supplier<? extends MeterRegistry> registry) {
        this(Pi4J::newAutoContext, registry);
    }

    /**
     * With the Pi4J context to use (the mock platform in tests) and the registry of the agent's metrics, made when
     * the command runs.
     */
    public EdgeRunCommand(Supplier<Context> pi4j, Supplier<? extends MeterRegistry> registry) {
        this.pi4j = pi4j;
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int colon = center.lastIndexOf(':');
        if (colon <= 0) {
            throw new ParameterException(spec.commandLine(), "--center must be host:port, was " + center);
        }
        String host = center.substring(0, colon);
        int port = Integer.parseInt(center.substring(colon + 1));
        EdgeAgentConfig config =
                new EdgeAgentConfig(deviceId, subject, rate, batch, Duration.ofSeconds(5), Duration.ofSeconds(30));
        TlsFiles tls = new TlsFiles(cert, key, ca);
        Path bufferFile = buffer != null ? buffer : Path.of("edge-buffer", deviceId + ".mv.db");
        Context context = pi4j.get();
        try {
            Sensor sensor = openSensor(context);
            try (EdgeAgent agent = new EdgeAgent(
                    config,
                    sensor,
                    EdgeBuffer.open(bufferFile),
                    EdgeAgent.channel(host, port, tls),
                    Clock.systemUTC(),
                    registry.get())) {
                agent.start();
                out.printf(
                        "streaming %s readings as %s to %s at %s Hz (buffer %s)%n",
                        sensor.model(), deviceId, center, rate, bufferFile);
                out.flush();
                if (duration == null) {
                    Thread.currentThread().join(); // until the process is stopped; the buffer keeps what is unsent
                    return 0;
                }
                Thread.sleep(duration.toMillis());
                agent.stopSampling();
                boolean drained = agent.awaitDrained(Duration.ofSeconds(30));
                out.printf(
                        "stopped: %d readings still buffered%s, %d samples failed, %d sends retried%n",
                        agent.buffered(),
                        drained ? "" : " (will be sent on the next run)",
                        agent.sampleFailures(),
                        agent.sendFailures());
                return drained ? 0 : 2;
            }
        } finally {
            context.shutdown();
        }
    }

    private Sensor openSensor(Context context) {
        int device = address != null
                ? Integer.decode(address.toLowerCase(Locale.ROOT))
                : sensorKind == SensorKind.ADXL345 ? Adxl345.ADDRESS : Bme280.ADDRESS_PRIMARY;
        I2C i2c = context.i2c()
                .create(I2C.newConfigBuilder(context)
                        .id("fdc-edge-" + sensorKind.name().toLowerCase(Locale.ROOT))
                        .bus(bus)
                        .device(device)
                        .build());
        return switch (sensorKind) {
            case ADXL345 -> Adxl345.open(i2c, range, Adxl345.DataRate.HZ_100);
            case BME280 -> Bme280.open(i2c);
        };
    }
}
