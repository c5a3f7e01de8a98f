package org.fdcfabric.cli.edge;

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
     * The {@code edge} command, metrics into the given registry, with {@code run} (on the device) and
     * {@code serve} (in the data center, which serves the registry on its metrics endpoint).
     */
    public static CommandLine create(PrometheusMeterRegistry meters) {
        return new CommandLine(new EdgeCommands())
                .addSubcommand(new EdgeRunCommand(meters))
                .addSubcommand(new EdgeServeCommand(meters));
    }
}
