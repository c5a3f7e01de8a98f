package org.fdcfabric.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Optional;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsEndpoint;
import picocli.CommandLine.Option;

/**
 * The options of a command that serves Prometheus metrics ({@code --metrics-port}, {@code --metrics-host},
 * {@code --no-metrics}); the command supplies its default port. See {@code docs/metrics.md}.
 */
public final class MetricsOptions {
    @Option(
            names = "--metrics-port",
            paramLabel = "<port>",
            description = "Port of the Prometheus /metrics endpoint (0: any free port; default: the command's).")
    Integer port;

    @Option(
            names = "--metrics-host",
            paramLabel = "<host>",
            defaultValue = MetricsBinding.LOOPBACK,
            description = "Address the metrics endpoint binds (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--no-metrics", description = "Serve no metrics endpoint.")
    boolean disabled;

    /** Where to serve, or empty with {@code --no-metrics}. */
    public Optional<MetricsBinding> binding(int defaultPort) throws CommandFailed {
        if (disabled) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MetricsBinding(host, port == null ? defaultPort : port));
        } catch (IllegalArgumentException e) {
            throw new CommandFailed("--metrics-port/--metrics-host: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    /** Starts an endpoint for {@code registry} at {@code binding}; a taken port is a clear failure. */
    public static MetricsEndpoint start(MetricsBinding binding, PrometheusMeterRegistry registry) throws CommandFailed {
        try {
            return MetricsEndpoint.start(binding, registry);
        } catch (IOException e) {
            throw new CommandFailed(
                    "cannot serve metrics on " + binding.host() + ":" + binding.port() + " (" + e.getMessage()
                            + "); choose another --metrics-port, 0 for any free port, or --no-metrics",
                    ExitCodes.CONFIGURATION);
        }
    }
}
