package org.fdcfabric.cli.dataset;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
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
        description = "Import raw readings from a CSV file with a schema file.",
        mixinStandardHelpOptions = true)
final class ImportCsvCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Option(names = "--csv", required = true, description = "The CSV file of readings.")
    Path csv;

    @Option(names = "--schema", required = true, description = "The JSON schema file describing the CSV.")
    Path schema;

    @Option(names = "--activity-log", description = "CSV of the activity log (subject,start,end,activity).")
    Path activityLog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CommandFailed {
        PrintWriter out = spec.commandLine().getOut();
        try {
            return importReadings(out);
        } catch (CsvImportException e) {
            throw new CommandFailed(e.getMessage(), ExitCodes.INVALID_INPUT);
        }
    }

    private int importReadings(PrintWriter out) throws CommandFailed {
        CsvSchema parsed = CsvSchema.read(schema);
        var log = activityLog == null ? null : ActivityLogCsv.read(activityLog);
        try (CenterStore store = center.open()) {
            ImportReport report = new CsvImporter(store.readings()).importFile(csv, parsed);
            if (log != null) {
                new ActivityLogs(store.readings()).put(parsed.stream(), log);
            }
            out.printf(
                    "stream %s: %d rows read, %d stored, %d dropped%n",
                    report.stream(), report.rowsRead(), report.rowsStored(), report.rowsDropped());
            for (ImportIssue issue : report.issues()) {
                out.printf("  %s (%s)%n", issue.message(), issue.kind());
            }
            if (log != null) {
                out.printf("activity log: %d entries%n", log.size());
            }
            out.printf(
                    "readings sealed with AES-256-GCM via %s%n",
                    store.readings().cipherEngine());
        }
        return 0;
    }
}
