package org.fdcfabric.learning.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclRules;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Proposes a UCL schema for a CSV file, for its owner to check and edit before importing: one streaming pass
 * decides per column whether it is numeric (every present cell a number) or categorical (its distinct texts, sorted,
 * become the vocabulary), suggests a missing policy where cells are missing, and types the label: numeric with more
 * than {@link #MAX_INFERRED_CLASSES} distinct values is a regression target, anything else names classes. Columns
 * that cannot be features (a name a schema cannot hold, more distinct texts than {@link UclRules#MAX_CATEGORIES})
 * are left out with a note saying why. Memory is bounded by the distinct values kept per column.
 */
public final class TabularSchemaInference {
    /** A numeric label with more distinct values than this is taken as a regression target. */
    public static final int MAX_INFERRED_CLASSES = 20;

    /**
     * The proposal.
     *
     * @param schema the proposed schema
     * @param rows data rows scanned
     * @param notes what the owner should look at: columns left out, missing cells, refused-to-be rows
     */
    public record Inferred(UclSchema schema, long rows, List<String> notes) {
        public Inferred {
            notes = List.copyOf(notes);
        }
    }

    private final TabularCsvOptions options;

    public TabularSchemaInference(TabularCsvOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param label the label column's name; {@code null} takes the last column
     * @throws TabularCsvException if the file cannot be read as CSV, or the label column is absent or unusable
     */
    public Inferred infer(Path file, String label) {
        return infer(file, label, null);
    }

    /**
     * As {@link #infer(Path, String)}, with the label's task fixed by the caller rather than guessed; a
     * classification label's classes are then all its distinct values.
     *
     * @param task the label's task, or null to guess it from the column's content
     */
    public Inferred infer(Path file, String label, Task task) {
        try (InputStream in = Files.newInputStream(file)) {
            return infer(in, label, task);
        } catch (NoSuchFileException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "not allowed to read " + file);
        } catch (IOException e) {
            throw new TabularCsvException(
                    TabularCsvException.Code.UNREADABLE, "reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    public Inferred infer(InputStream in, String label) {
        return infer(in, label, null);
    }

    public Inferred infer(InputStream in, String label, Task fixedTask) {
        try (CsvRecords records = CsvRecords.open(in, options)) {
            List<String> header = records.header();
            String labelName = label == null ? header.get(header.size() - 1) : label;
            if (!header.contains(labelName)) {
                throw new TabularCsvException(
                        TabularCsvException.Code.HEADER_MISMATCH,
                        "line 1: no label column '" + labelName + "'; the header has " + String.join(", ", header));
            }
            List<Column> columns = header.stream().map(Column::new).toList();
            long rows = 0;
            long ragged = 0;
            while (records.next()) {
                rows++;
                List<String> fields = records.fields();
                if (fields.size() != header.size()) {
                    ragged++;
                    continue;
                }
                for (int c = 0; c < columns.size(); c++) {
                    columns.get(c).see(fields.get(c).strip(), options);
                }
            }
            List<String> notes = new ArrayList<>();
            if (ragged > 0) {
                notes.add(ragged + " rows have a field count other than the header's; import will refuse them");
            }
            List<FeatureSpec> features = new ArrayList<>();
            LabelSpec labelSpec = null;
            Task task = null;
            for (Column column : columns) {
                if (column.name.equals(labelName)) {
                    task = fixedTask != null
                            ? fixedTask
                            : column.numeric && column.distinct() > MAX_INFERRED_CLASSES
                                    ? Task.REGRESSION
                                    : Task.CLASSIFICATION;
                    labelSpec = label(column, task, notes);
                } else {
                    feature(column, notes).ifPresent(features::add);
                }
            }
            return new Inferred(new UclSchema(features, labelSpec, task), rows, notes);
        } catch (IOException e) {
            throw new TabularCsvException(TabularCsvException.Code.UNREADABLE, "reading failed: " + e.getMessage(), e);
        }
    }

    private static Optional<FeatureSpec> feature(Column column, List<String> notes) {
        if (!UclRules.COLUMN_NAME.matcher(column.name).matches()) {
            notes.add("column '" + column.name + "' left out: a schema column name is 1-64 letters, digits, '_', '.'"
                    + " or '-'; rename it in the file to use it");
            return Optional.empty();
        }
        if (column.present == 0) {
            notes.add("column '" + column.name + "' left out: every cell is missing");
            return Optional.empty();
        }
        if (!column.numeric && column.overflowed) {
            notes.add("column '" + column.name + "' left out: more than " + UclRules.MAX_CATEGORIES
                    + " distinct texts (an identifier or free text?)");
            return Optional.empty();
        }
        MissingPolicy missing = null;
        if (column.missing > 0) {
            missing = column.numeric ? MissingPolicy.MEAN : MissingPolicy.MOST_FREQUENT;
            notes.add("column '" + column.name + "' has " + column.missing + " missing cells: suggested " + missing
                    + " (REFUSE to refuse such rows instead)");
        }
        return Optional.of(
                column.numeric
                        ? FeatureSpec.numeric(column.name, missing)
                        : FeatureSpec.categorical(column.name, List.copyOf(column.values), missing));
    }

    private static LabelSpec label(Column column, Task task, List<String> notes) {
        if (column.missing > 0) {
            notes.add("label '" + column.name + "' is missing in " + column.missing + " rows; import will refuse them");
        }
        if (task == Task.REGRESSION) {
            return new LabelSpec(column.name, List.of());
        }
        if (column.overflowed) {
            throw new TabularCsvException(
                    TabularCsvException.Code.UNUSABLE_LABEL,
                    "label '" + column.name + "' has more than " + UclRules.MAX_CATEGORIES
                            + " distinct values; classification allows at most " + UclRules.MAX_CLASSES
                            + " classes" + (column.numeric ? ": did you mean regression?" : ""));
        }
        if (column.distinct() > UclRules.MAX_CLASSES) {
            notes.add("label '" + column.name + "' has " + column.distinct() + " distinct values; classification"
                    + " allows at most " + UclRules.MAX_CLASSES + " classes");
        }
        List<String> classes = new ArrayList<>(column.values);
        if (column.numeric) {
            classes.sort(Comparator.comparingDouble(TabularCsvReader::number));
        }
        for (String name : classes) {
            if (!UclRules.COLUMN_NAME.matcher(name).matches()) {
                notes.add("class '" + name + "' of label '" + column.name
                        + "' is not a valid class name (1-64 letters, digits, '_', '.' or '-'); rename it in the file");
            }
        }
        if (classes.size() < 2) {
            notes.add("label '" + column.name + "' has " + classes.size() + " class; classification needs at least 2");
        }
        return new LabelSpec(column.name, classes);
    }

    /** What one pass learned about a column. */
    private static final class Column {
        private final String name;
        private final TreeSet<String> values = new TreeSet<>();
        private boolean numeric = true;
        private boolean overflowed;
        private long present;
        private long missing;

        Column(String name) {
            this.name = name;
        }

        void see(String value, TabularCsvOptions options) {
            if (options.missingTokens().contains(value)) {
                missing++;
                return;
            }
            present++;
            if (numeric && Double.isNaN(TabularCsvReader.number(value))) {
                numeric = false;
            }
            if (!overflowed) {
                values.add(value);
                if (values.size() > UclRules.MAX_CATEGORIES) {
                    overflowed = true;
                    values.clear();
                }
            }
        }

        int distinct() {
            return overflowed ? Integer.MAX_VALUE : values.size();
        }
    }
}
