package org.fdcfabric.cli.dataset;

import org.fdcfabric.cli.HelpText;
import picocli.CommandLine.Command;

/** {@code fdc dataset schema}: the dataset schema tools of a data center's owner. */
@Command(
        name = "schema",
        description = "Dataset schemas: infer one from a CSV file.",
        mixinStandardHelpOptions = true,
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc dataset schema infer stays.csv --label outcome > stays-schema.json"},
        subcommands = SchemaInferCommand.class)
final class SchemaCommands {}
