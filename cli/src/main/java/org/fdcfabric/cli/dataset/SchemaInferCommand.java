package org.fdcfabric.cli.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.learning.tabular.TabularCsvException;
import org.fdcfabric.learning.tabular.TabularSchemaInference;
import org.fdcfabric.protocol.json.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fdc dataset schema infer}: proposes a UCL schema for a CSV file. The schema (indented JSON) goes to
 * standard output for the owner to save, check and edit; what the owner should look at goes to standard error.
 * Nothing is applied: the owner passes the edited file to {@code fdc dataset import-table}.
 */
@Command(
        name = "infer",
        description = "Propose a schema (JSON) for a CSV file, to check, edit and pass to import-table.",
        mixinStandardHelpOptions = true,
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc dataset schema infer stays.csv --label outcome > stays-schema.json"})
final class SchemaInferCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<file.csv>", description = "The CSV file (with a header line).")
    Path csv;

    @Option(names = "--label", paramLabel = "<column>", description = "The label column (default: the last).")
    String label;

    @Mixin
    CsvFormatOptions format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CommandFailed, JsonProcessingException {
        TabularSchemaInference.Inferred inferred;
        try {
            inferred = new TabularSchemaInference(format.toOptions()).infer(csv, label);
        } catch (TabularCsvException e) {
            throw TableFailures.of(e);
        }
        ObjectMapper indented = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String json = indented.writeValueAsString(indented.readTree(CanonicalJson.write(inferred.schema())));
        spec.commandLine().getOut().println(json);
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                "%d rows scanned: %d features, label %s (%s)%n",
                inferred.rows(),
                inferred.schema().features().size(),
                inferred.schema().label().name(),
                inferred.schema().task());
        inferred.notes().forEach(note -> err.println("  " + note));
        err.println("check the schema (types, vocabularies, missing policies), then: fdc dataset import-table"
                + " --dataset <id> --csv " + csv + " --schema <schema.json>");
        return 0;
    }
}
