package org.fdcfabric.cli.dataset;

import picocli.CommandLine.Command;

/** {@code fdc dataset schema}: the dataset schema tools of a data center's owner. */
@Command(
        name = "schema",
        description = "Dataset schemas: infer one from a CSV file.",
        mixinStandardHelpOptions = true,
        subcommands = SchemaInferCommand.class)
final class SchemaCommands {}
