package org.fdcfabric.learning.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Reads a CSV file as rows of a UCL schema, streaming: each row that fits goes to a consumer as it is read (so
 * memory stays constant; {@link TabularRows.Builder#add} is one consumer), each row that does not is counted and,
 * for the first few, listed by file line with its reason.
 *
 * <p>The header maps columns to the schema by name, in any order; columns the schema does not name (identifiers,
 * for example) are read past. Numbers are read locale-independently ({@code .} as the decimal point); a category
 * becomes its index in the column's vocabulary; a cell whose trimmed text is a missing token becomes NaN, or
 * refuses the row if the column's policy is {@link MissingPolicy#REFUSE}. The label becomes its class index
 * (classification) or its value (regression) and is never missing. A reader made by {@link #unlabelled} reads rows
 * to predict for: the label column may be absent (and is read past if present), and each row's label is NaN.
 */
public final class TabularCsvReader {
    /** Receives each row that fits the schema: cells in schema order (NaN = missing) and the label. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(float[] cells, double label);
    }

    /** As {@link RowConsumer}, with the row's text in a key column the schema does not hold (e.g. a site). */
    @FunctionalInterface
    public interface KeyedRowConsumer {
        void accept(String key, float[] cells, double label);
    }

    private static final int MAX_SHOWN_VALUE = 40;

    private final UclSchema schema;
    private final TabularCsvOptions options;
    private final List<Map<String, Integer>> vocabularies;
    private final Map<String, Integer> classes;
    private final boolean labelled;

    public TabularCsvReader(UclSchema schema, TabularCsvOptions options) {
        this(schema, options, true);
    }

    /** A reader of the schema's feature columns alone, for rows whose label is to be predicted. */
    public static TabularCsvReader unlabelled(UclSchema schema, TabularCsvOptions options) {
        return new TabularCsvReader(schema, options, false);
    }

    private TabularCsvReader(UclSchema schema, TabularCsvOptions options, boolean labelled) {
        this.labelled = labelled;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.options = Objects.requireNonNull(options, "options");
        this.vocabularies =
                schema.features().stream().map(f -> indexOf(f.categories())).toList();
        this.classes = indexOf(schema.label().classes());
    }

    /** Reads a file; see {@link #read(InputStream, RowConsumer)}. */
    public TabularCsvReport read(Path file, RowConsumer consumer) {
        try (InputStream in = open(file)) {
            return read(in, consumer);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Opens a CSV file for reading.
     *
     * @throws TabularCsvException {@code NO_SUCH_FILE} if it does not exist or may not be read
     */
    public static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "not allowed to read " + file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** An I/O failure while reading {@code file}, as the error its callers report. */
    public static TabularCsvException unreadable(Path file, IOException e) {
        return new TabularCsvException(
                TabularCsvException.Code.UNREADABLE, "reading " + file + " failed: " + e.getMessage(), e);
    }

    /**
     * Reads CSV bytes to their end, handing each row that fits the schema to {@code consumer}.
     *
     * @throws TabularCsvException if the text has no header, the header lacks a schema column, or the text is not
     *     CSV in the declared encoding; rows already handed on are then incomplete and must be discarded
     */
    public TabularCsvReport read(InputStream in, RowConsumer consumer) {
        return read(in, null, (key, cells, label) -> consumer.accept(cells, label));
    }

    /**
     * As {@link #read(InputStream, RowConsumer)}, handing on each row's (trimmed) text in {@code keyColumn} too;
     * a row whose key is a missing token is refused.
     *
     * @param keyColumn a header column, or null for none
     */
    public TabularCsvReport read(InputStream in, String keyColumn, KeyedRowConsumer consumer) {
        try (CsvRecords records = CsvRecords.open(in, options)) {
            List<String> header = records.header();
            Columns columns = columns(header, records.line());
            int keyIndex = keyColumn == null ? -1 : header.indexOf(keyColumn);
            if (keyColumn != null && keyIndex < 0) {
                throw new TabularCsvException(
                        TabularCsvException.Code.HEADER_MISMATCH,
                        "line " + records.line() + ": no column '" + keyColumn + "'; the header has "
                                + String.join(", ", header));
            }
            long rows = 0;
            long refused = 0;
            List<TabularCsvReport.RefusedRow> listed = new ArrayList<>();
            while (records.next()) {
                rows++;
                List<String> fields = records.fields();
                float[] cells = new float[columns.features.length];
                double label;
                String key = null;
                try {
                    if (fields.size() != header.size()) {
                        throw new RowRefused(fields.size() + " fields where the header has " + header.size());
                    }
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = cell(c, fields.get(columns.features[c]));
                    }
                    label = labelled ? label(fields.get(columns.label)) : Double.NaN;
                    if (keyIndex >= 0) {
                        key = fields.get(keyIndex).strip();
                        if (options.missingTokens().contains(key)) {
                            throw new RowRefused("column '" + keyColumn + "' is missing");
                        }
                    }
                } catch (RowRefused e) {
                    refused++;
                    if (listed.size() < TabularCsvReport.MAX_LISTED) {
                        listed.add(new TabularCsvReport.RefusedRow(records.line(), e.getMessage()));
                    }
                    continue;
                }
                consumer.accept(key, cells, label);
            }
            return new TabularCsvReport(rows, rows - refused, refused, listed, columns.ignored);
        } catch (IOException e) {
            throw new TabularCsvException(TabularCsvException.Code.UNREADABLE, "reading failed: " + e.getMessage(), e);
        }
    }

    private Columns columns(List<String> header, long line) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            position.put(header.get(i), i);
        }
        List<String> lacking = new ArrayList<>();
        int[] features = new int[schema.features().size()];
        for (int c = 0; c < features.length; c++) {
            String name = schema.features().get(c).name();
            features[c] = position.getOrDefault(name, -1);
            if (features[c] < 0) {
                lacking.add(name);
            }
        }
        int label = position.getOrDefault(schema.label().name(), -1);
        if (label < 0 && labelled) {
            lacking.add(schema.label().name() + " (the label)");
        }
        if (!lacking.isEmpty()) {
            throw new TabularCsvException(
                    TabularCsvException.Code.HEADER_MISMATCH,
                    "line " + line + ": the header lacks the schema's column" + (lacking.size() > 1 ? "s " : " ")
                            + String.join(", ", lacking) + "; the header has " + String.join(", ", header)
                            + (options.delimiter() == ',' && header.size() == 1 ? " (is the delimiter ','?)" : ""));
        }
        List<String> used = new ArrayList<>(
                schema.features().stream().map(FeatureSpec::name).toList());
        if (labelled) {
            used.add(schema.label().name());
        }
        List<String> ignored =
                header.stream().filter(name -> !used.contains(name)).toList();
        return new Columns(features, label, ignored);
    }

    private float cell(int column, String text) throws RowRefused {
        FeatureSpec feature = schema.features().get(column);
        String value = text.strip();
        if (options.missingTokens().contains(value)) {
            if (feature.missingPolicy() == MissingPolicy.REFUSE) {
                throw new RowRefused("column '" + feature.name()
                        + "' is missing and its missing policy is REFUSE (declare MEAN or MOST_FREQUENT to impute)");
            }
            return Float.NaN;
        }
        if (feature.type() == FeatureType.CATEGORICAL) {
            Integer index = vocabularies.get(column).get(value);
            if (index == null) {
                throw new RowRefused("column '" + feature.name() + "' has '" + shown(value) + "', not among its "
                        + feature.categories().size() + " categories");
            }
            return index;
        }
        double number = number(value);
        if (Double.isNaN(number)) {
            throw new RowRefused("column '" + feature.name() + "' has '" + shown(value)
                    + "', not a number (write numbers with '.' as the decimal point)");
        }
        float cell = (float) number;
        if (Float.isInfinite(cell)) {
            throw new RowRefused("column '" + feature.name() + "' has " + shown(value) + ", too large for a feature");
        }
        return cell;
    }

    private double label(String text) throws RowRefused {
        String value = text.strip();
        String name = schema.label().name();
        if (schema.task() == Task.CLASSIFICATION) {
            Integer index = classes.get(value);
            if (index == null) {
                throw new RowRefused(
                        options.missingTokens().contains(value)
                                ? "label '" + name + "' is missing"
                                : "label '" + name + "' has '" + shown(value) + "', not among its "
                                        + schema.label().classes().size() + " classes");
            }
            return index;
        }
        if (options.missingTokens().contains(value)) {
            throw new RowRefused("label '" + name + "' is missing");
        }
        double target = number(value);
        if (Double.isNaN(target)) {
            throw new RowRefused("label '" + name + "' has '" + shown(value) + "', not a number");
        }
        return target;
    }

    /**
     * A decimal number as written in a CSV cell ({@code -1.5}, {@code 2e-3}), or NaN for anything else, including
     * the words Java's own parser accepts ({@code Infinity}, {@code 1d}, hexadecimal).
     */
    static double number(String text) {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if (ch != '.' && ch != '-' && ch != '+' && ch != 'e' && ch != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String shown(String value) {
        return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "...";
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        return index;
    }

    /** Where each schema column sits in the header. */
    private record Columns(int[] features, int label, List<String> ignored) {}

    /** One row does not fit; cheap to throw, as a file may hold many such rows. */
    private static final class RowRefused extends Exception {
        RowRefused(String reason) {
            super(reason, null, false, false);
        }
    }
}
