package org.fdcfabric.cli.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Json;
import org.fdcfabric.cli.JsonOption;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Words;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.TableManifest;
import org.fdcfabric.datacenter.store.imports.TableImporter;
import org.fdcfabric.learning.tabular.TabularCsvException;
import org.fdcfabric.learning.tabular.TabularCsvReport;
import org.fdcfabric.protocol.ucl.UclRules;
import org.fdcfabric.protocol.ucl.UclSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fdc dataset import-table}: a CSV file read against a UCL schema file into the center's store as the
 * dataset's table, all or nothing. A refused file (a row that does not fit, a header lacking a column) changes
 * nothing and exits 3, listing the first refused rows by file line.
 */
@Command(
        name = "import-table",
        description = "Import a CSV table described by a UCL schema file (see 'dataset schema infer').",
        mixinStandardHelpOptions = true,
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc dataset import-table --data-dir center --dataset ward-stays \\",
            "      --csv stays.csv --schema stays-schema.json",
            "  fdc dataset import-table --data-dir center --dataset ward-stays \\",
            "      --csv stays.csv --schema stays-schema.json --json"
        })
final class ImportTableCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Option(names = "--dataset", required = true, description = "Dataset id (lowercase, 3-64 characters).")
    String datasetId;

    @Option(names = "--csv", required = true, description = "The CSV file, with a header line.")
    Path csv;

    @Option(names = "--schema", required = true, description = "The UCL schema (JSON) the file's columns follow.")
    Path schema;

    @Mixin
    CsvFormatOptions format;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    /**
     * What {@code --json} prints: the stored table (without its schema, which is the file given), the columns left
     * out, how long it took and the cipher engine in use.
     */
    record ImportedTable(
            String datasetId,
            long rows,
            String merkleRoot,
            String source,
            List<String> ignoredColumns,
            long seconds,
            long rowsPerSecond,
            String cipherEngine) {}

    @Override
    public Integer call() throws CommandFailed {
        UclRules.datasetId(datasetId);
        UclSchema parsed = Json.readFile(schema, UclSchema.class, UclRules.INVALID_SCHEMA);
        UclRules.schema(parsed);
        var options = format.toOptions();
        if (!Files.isRegularFile(csv)) {
            throw new CommandFailed("NO_SUCH_FILE: no such file: " + csv, ExitCodes.INVALID_INPUT);
        }
        TableImporter.Outcome outcome;
        try (CenterStore store = center.open();
                ImportProgress progress = new ImportProgress(
                        spec.commandLine().getErr(),
                        csv.getFileName().toString(),
                        size(csv),
                        System.console() != null,
                        System::nanoTime)) {
            outcome = new TableImporter(store.tables()).importFile(datasetId, csv, parsed, options, progress);
            TabularCsvReport report = outcome.report();
            if (outcome.stored().isEmpty()) {
                throw new CommandFailed(
                        "REFUSED_ROWS: " + csv + " was not imported, nothing was stored: " + report.summary()
                                + (report.accepted() == 0 && report.refused() == 0 ? " (no data rows)" : ""),
                        ExitCodes.INVALID_INPUT);
            }
            TableManifest table = outcome.stored().get();
            String engine = store.readings().cipherEngine();
            Output.Fields human = Output.fields(String.format(
                    Locale.ROOT,
                    "table %s: %s from %s in %d s (%,.0f rows/s), merkle root %s",
                    table.datasetId(),
                    Words.count(table.rowCount(), "row"),
                    table.source(),
                    progress.seconds(),
                    progress.rate(),
                    table.merkleRoot()));
            if (!report.ignoredColumns().isEmpty()) {
                human.then("columns not in the schema, not stored: " + String.join(", ", report.ignoredColumns()));
            }
            human.then("rows sealed with AES-256-GCM via " + engine);
            human.then("publish it with: fdc dataset publish --dataset " + datasetId + " --name ... --address ...");
            output.output(spec.commandLine().getOut())
                    .print(
                            new ImportedTable(
                                    table.datasetId(),
                                    table.rowCount(),
                                    table.merkleRoot(),
                                    table.source(),
                                    report.ignoredColumns(),
                                    progress.seconds(),
                                    Math.round(progress.rate()),
                                    engine),
                            human);
        } catch (TabularCsvException e) {
            throw TableFailures.of(e);
        }
        return 0;
    }

    private static long size(Path file) throws CommandFailed {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CommandFailed("cannot read " + file + ": " + e.getMessage(), ExitCodes.INVALID_INPUT);
        }
    }
}
