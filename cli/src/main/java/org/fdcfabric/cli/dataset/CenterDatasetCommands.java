package org.fdcfabric.cli.dataset;

import org.fdcfabric.cli.registry.DatasetCommands;
import picocli.CommandLine;

/**
 * The data center's subcommands of {@code fdc dataset} (import-csv, import-table, schema,
 * simulate, publish, prove, verify). The
 * {@code dataset} command itself is the registry's {@link DatasetCommands}: one class claims the name, this one
 * adds to it.
 */
public final class CenterDatasetCommands {
    private CenterDatasetCommands() {}

    /** Adds the data center's subcommands to the {@code dataset} command. */
    private static void addTo(CommandLine dataset, UclRegistryProvider registries) {
        dataset.addSubcommand(new ImportCsvCommand())
                .addSubcommand(new ImportTableCommand())
                .addSubcommand(new SchemaCommands())
                .addSubcommand(new SimulateCommand())
                .addSubcommand(new PublishCommand(registries))
                .addSubcommand(new ProveCommand())
                .addSubcommand(new VerifyCommand(registries));
    }

    /** The {@code dataset} command with every subcommand, the data center's registering through {@code registries}. */
    public static CommandLine create(UclRegistryProvider registries) {
        CommandLine dataset = new CommandLine(new DatasetCommands());
        addTo(dataset, registries);
        return dataset;
    }
}
