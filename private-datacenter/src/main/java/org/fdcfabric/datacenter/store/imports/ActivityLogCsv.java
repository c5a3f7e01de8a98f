package org.fdcfabric.datacenter.store.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fdcfabric.datacenter.governance.Activity;
import org.fdcfabric.datacenter.governance.ActivityLogEntry;

/**
 * Reads a teachers' activity log: a CSV file with the header {@code subject,start,end,activity}, times in Unix
 * epoch seconds (end exclusive) and activities named as in FDC's four classes. The log labels readings, so a
 * bad line is an error naming the line, not something to skip.
 */
public final class ActivityLogCsv {
    static final String HEADER = "subject,start,end,activity";

    private ActivityLogCsv() {}

    public static List<ActivityLogEntry> read(Path file) {
        List<ActivityLogEntry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.trim().equals(HEADER)) {
                throw new CsvImportException(file + " line 1: activity log header must be '" + HEADER + "'");
            }
            long lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 4) {
                    throw new CsvImportException(file + " line " + lineNo + ": " + f.length + " fields, expected 4");
                }
                try {
                    entries.add(new ActivityLogEntry(
                            f[0].trim(),
                            Long.parseLong(f[1].trim()),
                            Long.parseLong(f[2].trim()),
                            Activity.valueOf(f[3].trim().toUpperCase(Locale.ROOT))));
                } catch (IllegalArgumentException e) {
                    throw new CsvImportException(file + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed", e);
        }
        return entries;
    }
}
