package org.fdcfabric.cli.dataset;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fdc dataset}: the parent of the dataset subcommands. */
@Command(
        name = "dataset",
        description = "Import, govern, publish and prove a private data center's datasets.",
        mixinStandardHelpOptions = true)
public final class DatasetCommands {

    /**
     * Adds the data center's subcommands (import, simulate, publish, prove, verify) to another
     * {@code dataset} command, so {@code fdc} has one dataset group.
     */
    public static void addCenterCommands(CommandLine dataset, UclRegistryProvider registries) {
        dataset.addSubcommand(new ImportCsvCommand())
                .addSubcommand(new SimulateCommand())
                .addSubcommand(new PublishCommand(registries))
                .addSubcommand(new ProveCommand())
                .addSubcommand(new VerifyCommand(registries));
    }

    /** The {@code dataset} command with every subcommand, registering through the given registry. */
    public static CommandLine create(UclRegistryProvider registries) {
        CommandLine dataset = new CommandLine(new DatasetCommands());
        addCenterCommands(dataset, registries);
        return dataset;
    }
}
