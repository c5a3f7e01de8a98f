package org.fdcfabric.cli.edge;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.fdcfabric.cli.HelpText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fdc edge}: the parent of the edge subcommands. */
@Command(
        name = "edge",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc edge run --sensor simulated --device-id wrist-1 ...", "  fdc edge serve --data-dir dc-a ..."},
        description = "Stream sensor readings from edge devices into a private data center.",
        mixinStandardHelpOptions = true)
public final class EdgeCommands {

    /**
     * The {@code edge} command with {@code run} (on the device) and {@code serve} (in the data center, which serves
     * its registry on its metrics endpoint); the one that runs makes its registry then.
     */
    public static CommandLine create() {
        return new CommandLine(new EdgeCommands())
                .addSubcommand(new EdgeRunCommand(EdgeCommands::registry))
                .addSubcommand(new EdgeServeCommand(EdgeCommands::registry));
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
