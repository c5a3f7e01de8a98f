package org.fdcfabric.cli.edge;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.MetricsOptions;
import org.fdcfabric.cli.dataset.CenterOptions;
import org.fdcfabric.datacenter.edge.EdgeServer;
import org.fdcfabric.datacenter.edge.TlsFiles;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fdc edge serve}: the data center's side of the edge stream. Accepts devices whose client certificate
 * was issued by the device CA and stores each device's readings, sealed, in the stream named by its id. Runs
 * until stopped (an interrupt closes the server and the store cleanly), or for {@code --duration}.
 */
@Command(
        name = "serve",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc edge serve --data-dir dc-a --cert center.pem --key center.key \\",
            "      --device-ca device-ca.pem --port 7443"
        },
        description = "Accept edge devices' readings into this data center (mTLS gRPC).",
        mixinStandardHelpOptions = true)
public final class EdgeServeCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Option(
            names = "--port",
            defaultValue = "7450",
            description =
                    "Port to listen on (default: ${DEFAULT-VALUE}, a port no Fabric node, center or compute node uses).")
    int port;

    @Option(names = "--cert", required = true, description = "The center's certificate chain (PEM).")
    Path cert;

    @Option(names = "--key", required = true, description = "The center's private key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--device-ca", required = true, description = "CA certificate that issues device certificates.")
    Path deviceCa;

    @Option(names = "--duration", description = "Stop after this long (ISO-8601); default: serve until stopped.")
    Duration duration;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    /** Next to the devnet's 9464, so both run on one machine with their defaults. */
    static final int DEFAULT_METRICS_PORT = 9465;

    private final Supplier<PrometheusMeterRegistry> registry;

    /**
     * With the registry the center's metrics endpoint serves, made when the command runs: every other {@code fdc}
     * command starts faster without building it.
     */
    public EdgeServeCommand(Supplier<PrometheusMeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrometheusMeterRegistry meters = registry.get();
        TlsFiles tls = new TlsFiles(cert, key, deviceCa);
        Optional<MetricsBinding> metricsAt = metrics.binding(DEFAULT_METRICS_PORT);
        boolean interrupted = false;
        try (MetricsEndpoint endpoint = metricsAt.isEmpty() ? null : MetricsOptions.start(metricsAt.get(), meters);
                CenterStore store = center.open(meters);
                EdgeServer server = EdgeServer.start(port, tls, store.readings(), meters)) {
            out.printf(
                    "edge ingest listening on port %d (mTLS; devices of %s); readings sealed via %s%n",
                    server.port(), deviceCa, store.readings().cipherEngine());
            out.printf("metrics: %s%n", endpoint == null ? "off" : endpoint.uri());
            out.flush();
            try {
                if (duration == null) {
                    Thread.currentThread().join(); // until the process or this thread is stopped
                } else {
                    Thread.sleep(duration.toMillis());
                }
            } catch (InterruptedException e) {
                // A request to stop. The flag is restored only after closing: with it set, file channels (and
                // so the database) would be closed under the store's feet.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        out.println("edge ingest stopped");
        return 0;
    }
}
