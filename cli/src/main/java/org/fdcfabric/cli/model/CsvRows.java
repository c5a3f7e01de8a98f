package org.fdcfabric.cli.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.ucl.Task;
import org.tribuo.data.csv.CSVIterator;

/**
 * The rows of a CSV file (header row; Tribuo's CSV reader: comma separated, double-quoted) as a schema's
 * features, in the schema's column order, and its labels when asked for. Every bad cell is named by row and
 * column.
 */
final class CsvRows {
    static final int MAX_ROWS = 10_000_000;
    static final String INVALID_CSV = "INVALID_CSV";

    private final DatasetSchema schema;
    private final List<float[]> features = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    private CsvRows(DatasetSchema schema) {
        this.schema = schema;
    }

    static CsvRows read(Path file, DatasetSchema schema, boolean withLabels) {
        CsvRows rows = new CsvRows(schema);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVIterator iterator = new CSVIterator(reader, CSVIterator.SEPARATOR, CSVIterator.QUOTE)) {
            int line = 1;
            while (iterator.hasNext()) {
                line++;
                rows.add(iterator.next().getRowData(), line, withLabels, file);
                if (rows.features.size() > MAX_ROWS) {
                    throw new InvalidInputException(INVALID_CSV, file + " has more than " + MAX_ROWS + " rows");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(INVALID_CSV, "cannot read " + file + ": " + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new InvalidInputException(INVALID_CSV, file + ": " + e.getMessage());
        }
        if (rows.features.isEmpty()) {
            throw new InvalidInputException(INVALID_CSV, file + " has no data rows");
        }
        return rows;
    }

    private void add(Map<String, String> row, int line, boolean withLabels, Path file) {
        List<String> needed = new ArrayList<>(schema.featureNames());
        if (withLabels) {
            needed.add(schema.labelName());
        }
        for (String column : needed) {
            if (!row.containsKey(column)) {
                throw new InvalidInputException(
                        INVALID_CSV,
                        "column '" + column + "' is not in the header of " + file + "; it has "
                                + new TreeSet<>(row.keySet()));
            }
        }
        float[] values = new float[schema.featureNames().size()];
        for (int j = 0; j < values.length; j++) {
            String column = schema.featureNames().get(j);
            String cell = row.get(column).strip();
            try {
                double value = Double.parseDouble(cell);
                if (!Double.isFinite(value)) {
                    throw new NumberFormatException("not finite");
                }
                values[j] = (float) value;
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        INVALID_CSV,
                        "row " + line + ", column '" + column + "': '" + abbreviate(cell) + "' is not a number");
            }
        }
        features.add(values);
        if (withLabels) {
            String label = row.get(schema.labelName()).strip();
            if (schema.task() == Task.CLASSIFICATION && !schema.classes().contains(label)) {
                throw new InvalidInputException(
                        INVALID_CSV,
                        "row " + line + ", column '" + schema.labelName() + "': '" + abbreviate(label)
                                + "' is not one of the classes " + schema.classes());
            }
            labels.add(label);
        }
    }

    List<float[]> features() {
        return features;
    }

    /** The rows with their labels as a dataset, for evaluation. */
    LocalDataset labelled() {
        if (schema.task() == Task.CLASSIFICATION) {
            return LocalDataset.classification(
                    schema,
                    features,
                    labels.stream().map(l -> schema.classes().indexOf(l)).toList());
        }
        List<Double> targets = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            try {
                targets.add(Double.parseDouble(labels.get(i)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        INVALID_CSV, "row " + (i + 2) + ": target '" + abbreviate(labels.get(i)) + "' is not a number");
            }
        }
        return LocalDataset.regression(schema, features, targets);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
