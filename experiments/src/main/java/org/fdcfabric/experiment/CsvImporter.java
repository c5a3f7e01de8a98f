package org.fdcfabric.experiment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.TaskGuard;
import org.fdcfabric.protocol.ucl.Task;
import org.tribuo.data.columnar.ColumnarIterator;
import org.tribuo.data.csv.CSVIterator;

/**
 * Imports any tabular CSV (header row, Tribuo's CSV reader: comma separated, double-quoted) as per-center
 * datasets: the schema says which columns are features and label, the partitioning how rows are dealt to
 * centers and split into train and test. Every bad cell is reported with its row and column.
 */
public final class CsvImporter {
    private static final int MAX_ROWS = 10_000_000;

    public List<CenterDataset> importCsv(Path file, CsvSchema csv, Partitioning partitioning) {
        List<Map<String, String>> rows = read(file);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no data rows");
        }
        Map<String, String> first = rows.get(0);
        List<String> needed = new ArrayList<>(csv.featureColumns());
        needed.add(csv.labelColumn());
        partitioning.byColumn().ifPresent(needed::add);
        for (String column : needed) {
            if (!first.containsKey(column)) {
                throw new IllegalArgumentException("column '" + column + "' is not in the header of " + file
                        + "; it has " + new TreeSet<>(first.keySet()));
            }
        }
        DatasetSchema schema = schema(csv, rows);
        Map<String, List<Integer>> parts = partition(rows, partitioning);
        List<CenterDataset> centers = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> part : parts.entrySet()) {
            List<Integer> indices = new ArrayList<>(part.getValue());
            shuffle(
                    indices,
                    new SplittableRandom(partitioning.seed() ^ part.getKey().hashCode()));
            int test = (int) Math.round(indices.size() * partitioning.testFraction());
            if (test < 1 || test >= indices.size()) {
                throw new IllegalArgumentException("center " + part.getKey() + " has " + indices.size()
                        + " rows: too few for a train and a test split at test fraction "
                        + partitioning.testFraction());
            }
            List<Integer> testRows = indices.subList(0, test).stream().sorted().toList();
            List<Integer> trainRows =
                    indices.subList(test, indices.size()).stream().sorted().toList();
            centers.add(new CenterDataset(
                    part.getKey(), dataset(schema, csv, rows, trainRows), dataset(schema, csv, rows, testRows)));
        }
        return centers;
    }

    private static List<Map<String, String>> read(Path file) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVIterator iterator = new CSVIterator(reader, CSVIterator.SEPARATOR, CSVIterator.QUOTE)) {
            while (iterator.hasNext()) {
                ColumnarIterator.Row row = iterator.next();
                rows.add(row.getRowData());
                if (rows.size() > MAX_ROWS) {
                    throw new IllegalArgumentException(file + " has more than " + MAX_ROWS + " rows");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("malformed CSV " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static DatasetSchema schema(CsvSchema csv, List<Map<String, String>> rows) {
        List<String> classes = csv.classes();
        if (csv.task() == Task.CLASSIFICATION && classes.isEmpty()) {
            TreeSet<String> distinct = new TreeSet<>();
            for (Map<String, String> row : rows) {
                distinct.add(row.get(csv.labelColumn()).trim());
            }
            TaskGuard.checkClasses(csv.labelColumn(), distinct, rows.size());
            classes = List.copyOf(distinct);
        }
        if (csv.task() == Task.REGRESSION) {
            for (int i = 0; i < rows.size(); i++) {
                // line i + 2: the header is line 1
                TaskGuard.checkTarget(csv.labelColumn(), rows.get(i).get(csv.labelColumn()), i + 2L);
            }
        }
        return new DatasetSchema(
                csv.featureColumns(),
                csv.labelColumn(),
                csv.task() == Task.CLASSIFICATION ? classes : List.of(),
                csv.task());
    }

    private static Map<String, List<Integer>> partition(List<Map<String, String>> rows, Partitioning partitioning) {
        Map<String, List<Integer>> parts = new TreeMap<>();
        if (partitioning.byColumn().isPresent()) {
            String column = partitioning.byColumn().get();
            for (int i = 0; i < rows.size(); i++) {
                String value = rows.get(i).get(column).trim();
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(
                            "row " + (i + 1) + ": partition column '" + column + "' is empty");
                }
                parts.computeIfAbsent(centerId(value), v -> new ArrayList<>()).add(i);
            }
        } else {
            SplittableRandom random = new SplittableRandom(partitioning.seed());
            int width = String.valueOf(partitioning.centers()).length();
            for (int i = 0; i < rows.size(); i++) {
                String id = String.format("center-%0" + width + "d", random.nextInt(partitioning.centers()) + 1);
                parts.computeIfAbsent(id, v -> new ArrayList<>()).add(i);
            }
            if (parts.size() < partitioning.centers()) {
                throw new IllegalArgumentException(
                        rows.size() + " rows cannot fill " + partitioning.centers() + " centers");
            }
        }
        return parts;
    }

    /** Column values become dataset ids: anything outside the id alphabet turns into '-'. */
    static String centerId(String value) {
        String id = value.replaceAll("[^A-Za-z0-9._:-]", "-");
        if (!Character.isLetterOrDigit(id.charAt(0))) {
            id = "c" + id;
        }
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    private static LocalDataset dataset(
            DatasetSchema schema, CsvSchema csv, List<Map<String, String>> rows, List<Integer> indices) {
        List<float[]> features = new ArrayList<>(indices.size());
        List<Integer> classes = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int index : indices) {
            Map<String, String> row = rows.get(index);
            float[] values = new float[csv.featureColumns().size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) number(row, csv.featureColumns().get(j), index);
            }
            features.add(values);
            if (schema.task() == Task.CLASSIFICATION) {
                String label = row.get(csv.labelColumn()).trim();
                int k = schema.classes().indexOf(label);
                if (k < 0) {
                    throw new IllegalArgumentException("row " + (index + 1) + ": label '" + label
                            + "' is not one of the classes " + schema.classes());
                }
                classes.add(k);
            } else {
                targets.add(number(row, csv.labelColumn(), index));
            }
        }
        return schema.task() == Task.CLASSIFICATION
                ? LocalDataset.classification(schema, features, classes)
                : LocalDataset.regression(schema, features, targets);
    }

    private static double number(Map<String, String> row, String column, int index) {
        String cell = row.get(column).trim();
        try {
            double value = Double.parseDouble(cell);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "row " + (index + 1) + ", column '" + column + "': '" + cell + "' is not a finite number");
        }
    }

    private static void shuffle(List<Integer> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
