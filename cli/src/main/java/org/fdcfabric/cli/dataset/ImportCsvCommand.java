package org.fdcfabric.cli.dataset;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.JsonOption;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Words;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.ImportIssue;
import org.fdcfabric.datacenter.store.ImportReport;
import org.fdcfabric.datacenter.store.imports.ActivityLogCsv;
import org.fdcfabric.datacenter.store.imports.ActivityLogs;
import org.fdcfabric.datacenter.store.imports.CsvImportException;
import org.fdcfabric.datacenter.store.imports.CsvImporter;
import org.fdcfabric.datacenter.store.imports.CsvSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fdc dataset import-csv}: raw readings from a CSV file described by a schema file. */
@Command(
        name = "import-csv",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc dataset import-csv --data-dir dc-a --csv ward.csv --schema \\", "      ward.schema.json",
            "  fdc dataset import-csv --data-dir dc-a --csv ward.csv --schema \\",
                    "      ward.schema.json --activity-log log.csv --json"
        },
        description = "Import raw readings from a CSV file with a schema file.",
        mixinStandardHelpOptions = true)
final class ImportCsvCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Option(names = "--csv", required = true, paramLabel = "<file.csv>", description = "The CSV file of readings.")
    Path csv;

    @Option(
            names = "--schema",
            required = true,
            paramLabel = "<schema.json>",
            description = "The JSON schema file describing the CSV.")
    Path schema;

    @Option(
            names = "--activity-log",
            paramLabel = "<log.csv>",
            description = "CSV of the activity log (subject,start,end,activity).")
    Path activityLog;

    @Mixin
    JsonOption format;

    @Spec
    CommandSpec spec;

    /** What {@code --json} prints: the import report, the activity log's size and the cipher engine in use. */
    record Imported(ImportReport report, Integer activityLogEntries, String cipherEngine) {}

    @Override
    public Integer call() throws CommandFailed {
        try {
            return importReadings();
        } catch (CsvImportException e) {
            throw new CommandFailed(e.getMessage(), ExitCodes.INVALID_INPUT);
        }
    }

    private int importReadings() throws CommandFailed {
        CsvSchema parsed = CsvSchema.read(schema);
        var log = activityLog == null ? null : ActivityLogCsv.read(activityLog);
        try (CenterStore store = center.open()) {
            ImportReport report = new CsvImporter(store.readings()).importFile(csv, parsed);
            if (log != null) {
                new ActivityLogs(store.readings()).put(parsed.stream(), log);
            }
            Output.Fields human = Output.fields(String.format(
                    "stream %s: %s read, %d stored, %d dropped",
                    report.stream(), Words.count(report.rowsRead(), "row"), report.rowsStored(), report.rowsDropped()));
            for (ImportIssue issue : report.issues()) {
                human.then(String.format("  %s (%s)", issue.message(), issue.kind()));
            }
            if (log != null) {
                human.then("activity log: " + Words.count(log.size(), "entry", "entries"));
            }
            String engine = store.readings().cipherEngine();
            human.then("readings sealed with AES-256-GCM via " + engine);
            format.output(spec.commandLine().getOut())
                    .print(new Imported(report, log == null ? null : log.size(), engine), human);
        }
        return 0;
    }
}
