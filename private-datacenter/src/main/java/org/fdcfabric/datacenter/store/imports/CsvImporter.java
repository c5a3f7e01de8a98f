package org.fdcfabric.datacenter.store.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fdcfabric.datacenter.store.ImportIssue;
import org.fdcfabric.datacenter.store.ImportReport;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.ReadingStore;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.datacenter.store.StreamSource;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * Imports a CSV file of raw readings described by a {@link CsvSchema}. The header must name exactly the schema's
 * columns (in any order); otherwise nothing is imported. Each later line becomes one reading whose sequence is
 * its line number, or, when it is malformed or does not fit the schema, an {@link ImportIssue} naming the line.
 * Identifier columns are read past and never stored. Blank lines are skipped. Quoted fields may not span lines,
 * so that a line number always identifies one row.
 */
public final class CsvImporter {
    private final ReadingStore store;
    private final CsvMapper mapper = new CsvMapper();

    public CsvImporter(ReadingStore store) {
        this.store = store;
    }

    public ImportReport importFile(Path csv, CsvSchema schema) {
        schema.validate(csv.toString());
        ObjectReader lineReader = mapper.readerForArrayOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema()
                        .withColumnSeparator(schema.delimiter().charAt(0)))
                .with(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Reading> readings = new ArrayList<>();
        List<ImportIssue> issues = new ArrayList<>();
        Map<ImportIssue.Kind, Long> dropped = new EnumMap<>(ImportIssue.Kind.class);
        long rowsRead = 0;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new CsvImportException(csv + " line 1: the file is empty, expected a header");
            }
            RowMapper rows = new RowMapper(schema, header(lineReader, headerLine, schema, csv));
            long lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                rowsRead++;
                try {
                    readings.add(rows.reading(lineNo, split(lineReader, line)));
                } catch (RowException e) {
                    dropped.merge(e.kind, 1L, Long::sum);
                    if (issues.size() < ImportReport.MAX_ISSUES) {
                        issues.add(new ImportIssue(lineNo, e.kind, "line " + lineNo + ": " + e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + csv + " failed", e);
        }
        ImportReport report = new ImportReport(
                schema.stream(),
                csv.getFileName().toString(),
                rowsRead,
                readings.size(),
                dropped,
                issues,
                schema.identifiers());
        store.createStream(new StreamDescriptor(schema.stream(), schema.model(), StreamSource.CSV));
        store.append(schema.stream(), readings);
        store.putAttachment(schema.stream(), ImportReport.ATTACHMENT, CanonicalJson.bytes(report));
        return report;
    }

    private static List<String> header(ObjectReader reader, String line, CsvSchema schema, Path csv) {
        List<String> columns;
        try {
            columns = Arrays.stream(split(reader, line)).map(String::trim).toList();
        } catch (RowException e) {
            throw new CsvImportException(csv + " line 1: header is malformed: " + e.getMessage());
        }
        Set<String> expected = new HashSet<>(schema.requiredColumns());
        expected.addAll(schema.identifiers());
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(columns);
        List<String> unexpected = new ArrayList<>(columns);
        unexpected.removeAll(expected);
        if (!missing.isEmpty() || !unexpected.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
            throw new CsvImportException(csv + " line 1: schema mismatch: header " + columns
                    + (missing.isEmpty()
                            ? ""
                            : " lacks " + missing.stream().sorted().toList())
                    + (unexpected.isEmpty()
                            ? ""
                            : " has columns not in the schema " + unexpected
                                    + " (declare each as a channel or an identifier)")
                    + (new HashSet<>(columns).size() != columns.size() ? " repeats a column" : ""));
        }
        return columns;
    }

    private static String[] split(ObjectReader reader, String line) {
        try (MappingIterator<String[]> rows = reader.readValues(line)) {
            if (!rows.hasNext()) {
                throw new RowException(ImportIssue.Kind.MALFORMED, "no fields");
            }
            String[] fields = rows.next();
            if (rows.hasNext()) {
                throw new RowException(ImportIssue.Kind.MALFORMED, "more than one row on the line");
            }
            return fields;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RowException row) {
                throw row;
            }
            throw new RowException(ImportIssue.Kind.MALFORMED, "not valid CSV (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Maps one row's fields to a reading by column position. */
    private static final class RowMapper {
        private final CsvSchema schema;
        private final int columnCount;
        private final int timeIndex;
        private final int subjectIndex;
        private final int[] channelIndex;
        private final List<String> channelColumns;

        RowMapper(CsvSchema schema, List<String> header) {
            this.schema = schema;
            this.columnCount = header.size();
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                positions.put(header.get(i), i);
            }
            this.timeIndex = positions.get(schema.timestamp().column());
            this.subjectIndex = schema.subject() == null ? -1 : positions.get(schema.subject());
            this.channelColumns = schema.model().channelNames().stream()
                    .map(schema.channels()::get)
                    .toList();
            this.channelIndex = channelColumns.stream().mapToInt(positions::get).toArray();
        }

        Reading reading(long lineNo, String[] fields) {
            if (fields.length != columnCount) {
                throw new RowException(
                        ImportIssue.Kind.MALFORMED, fields.length + " fields where the header has " + columnCount);
            }
            long time = time(fields[timeIndex].trim());
            String subject = subjectIndex < 0 ? "" : fields[subjectIndex].trim();
            if (subjectIndex >= 0 && subject.isEmpty()) {
                throw new RowException(
                        ImportIssue.Kind.SCHEMA_MISMATCH, "column '" + schema.subject() + "' (subject) is empty");
            }
            double[] values = new double[channelIndex.length];
            for (int c = 0; c < channelIndex.length; c++) {
                String text = fields[channelIndex[c]].trim();
                if (text.isEmpty()) {
                    values[c] = Double.NaN; // missing: cleaning drops and counts it
                    continue;
                }
                try {
                    values[c] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new RowException(
                            ImportIssue.Kind.SCHEMA_MISMATCH,
                            "column '" + channelColumns.get(c) + "' must hold a number");
                }
            }
            return new Reading(lineNo, time, subject, values);
        }

        private long time(String text) {
            String column = schema.timestamp().column();
            try {
                return switch (schema.timestamp().format()) {
                    case EPOCH_MILLIS -> Long.parseLong(text);
                    case EPOCH_SECONDS -> new BigDecimal(text).movePointRight(3).longValueExact();
                    case ISO_8601 -> parseInstant(text).toEpochMilli();
                };
            } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
                throw new RowException(
                        ImportIssue.Kind.SCHEMA_MISMATCH,
                        "column '" + column + "' must hold a time as "
                                + schema.timestamp().format());
            }
        }

        private static Instant parseInstant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(text).toInstant();
            }
        }
    }

    private static final class RowException extends RuntimeException {
        final ImportIssue.Kind kind;

        RowException(ImportIssue.Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
