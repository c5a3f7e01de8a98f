package org.fdcfabric.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.learning.tabular.TabularCsvException;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.learning.tabular.TabularCsvReader;
import org.fdcfabric.learning.tabular.TabularCsvReport;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.tabular.TabularSchemaInference;
import org.fdcfabric.learning.training.TaskGuard;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Imports any tabular CSV as per-center datasets, through the data center's own reader: one streaming pass types
 * the columns ({@link TabularSchemaInference}), a second reads the rows ({@link TabularCsvReader}) into compact
 * {@link TabularRows}, dealt to centers by the partitioning and split into train and test. A text column is
 * categorical with its inferred vocabulary; missing cells are NaN when the schema imputes them. The rows stay raw:
 * the job's preprocessing imputes, standardizes and one-hot encodes them, as for any center's table. Bad rows are
 * reported by file line (the first few and a count) and refuse the file.
 */
public final class CsvImporter {
    private static final int MAX_ROWS = 10_000_000;

    public List<CenterDataset> importCsv(Path file, CsvSchema csv, Partitioning partitioning) {
        return importCsv(file, csv, partitioning, TabularCsvOptions.defaults());
    }

    /**
     * @throws TabularCsvException if the file cannot be read as a table at all (no such file, a header lacking a
     *     column, text that is not CSV)
     * @throws IllegalArgumentException if rows do not fit (the first few named by file line, and a count), or the
     *     columns cannot be the experiment's features and label
     */
    public List<CenterDataset> importCsv(
            Path file, CsvSchema csv, Partitioning partitioning, TabularCsvOptions options) {
        UclSchema schema = schema(file, csv, options);
        Map<String, TabularRows.Builder> parts = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(partitioning.seed());
        int width = String.valueOf(partitioning.centers()).length();
        long[] rows = {0};
        TabularCsvReader reader = new TabularCsvReader(schema, options);
        TabularCsvReport report;
        try (InputStream in = TabularCsvReader.open(file)) {
            report = reader.read(in, partitioning.byColumn().orElse(null), (key, cells, label) -> {
                if (++rows[0] > MAX_ROWS) {
                    throw new IllegalArgumentException(file + " has more than " + MAX_ROWS + " rows");
                }
                String center = key != null
                        ? centerId(key)
                        : String.format("center-%0" + width + "d", random.nextInt(partitioning.centers()) + 1);
                parts.computeIfAbsent(center, id -> TabularRows.builder(schema)).add(cells, label);
            });
        } catch (IOException e) {
            throw TabularCsvReader.unreadable(file, e);
        }
        if (report.refused() > 0) {
            boolean textTargets = schema.task() == Task.REGRESSION
                    && report.firstRefused().stream()
                            .anyMatch(row -> row.reason().startsWith("label '" + csv.labelColumn() + "' has "));
            boolean missingCells =
                    report.firstRefused().stream().anyMatch(row -> row.reason().contains("missing policy is REFUSE"));
            throw new IllegalArgumentException(file + ": " + report.summary()
                    + (textTargets ? ". A regression needs a numeric label: did you mean --task classification?" : "")
                    + (missingCells
                            ? ". To impute missing cells (numeric: the mean, text: the most frequent category, both"
                                    + " across the centers) add --missing impute"
                            : ""));
        }
        if (report.accepted() == 0) {
            throw new IllegalArgumentException(file + " has no data rows");
        }
        if (partitioning.byColumn().isEmpty() && parts.size() < partitioning.centers()) {
            throw new IllegalArgumentException(
                    report.accepted() + " rows cannot fill " + partitioning.centers() + " centers");
        }
        List<CenterDataset> centers = new ArrayList<>();
        for (Map.Entry<String, TabularRows.Builder> part : parts.entrySet()) {
            TabularRows all = part.getValue().build();
            List<Integer> indices = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                indices.add(i);
            }
            shuffle(
                    indices,
                    new SplittableRandom(partitioning.seed() ^ part.getKey().hashCode()));
            int test = (int) Math.round(indices.size() * partitioning.testFraction());
            if (test < 1 || test >= indices.size()) {
                throw new IllegalArgumentException("center " + part.getKey() + " has " + indices.size()
                        + " rows: too few for a train and a test split at test fraction "
                        + partitioning.testFraction());
            }
            int[] testRows =
                    indices.subList(0, test).stream().mapToInt(i -> i).sorted().toArray();
            int[] trainRows = indices.subList(test, indices.size()).stream()
                    .mapToInt(i -> i)
                    .sorted()
                    .toArray();
            centers.add(new CenterDataset(part.getKey(), all.subset(trainRows), all.subset(testRows)));
        }
        return centers;
    }

    /**
     * The UCL schema of the experiment's columns: each feature typed by the file's content (text columns
     * categorical with their sorted vocabulary; a missing policy where cells are missing and the experiment
     * imputes), the label as the experiment says (its classes given, or the label's distinct texts sorted).
     */
    private static UclSchema schema(Path file, CsvSchema csv, TabularCsvOptions options) {
        TabularSchemaInference.Inferred inferred = new TabularSchemaInference(options).infer(file, csv.labelColumn());
        List<FeatureSpec> features = new ArrayList<>();
        for (String column : csv.featureColumns()) {
            FeatureSpec spec = inferred.schema().features().stream()
                    .filter(f -> f.name().equals(column))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(inferred.notes().stream()
                            .filter(note -> note.startsWith("column '" + column + "' "))
                            .findFirst()
                            .map(note -> file + ": " + note)
                            .orElse("column '" + column + "' is not in the header of " + file)));
            // a text column is categorical with the inferred (sorted) vocabulary, one-hot encoded by the job's
            // preprocessing; a numeric column with a few stray texts is left to the reader, which names the rows
            // holding them by line
            boolean text = spec.type() == FeatureType.CATEGORICAL
                    && spec.categories().stream().noneMatch(CsvImporter::isNumber);
            boolean imputes = csv.imputeMissing() && spec.missingPolicy() != MissingPolicy.REFUSE;
            features.add(
                    text
                            ? FeatureSpec.categorical(
                                    column, spec.categories(), imputes ? MissingPolicy.MOST_FREQUENT : null)
                            : FeatureSpec.numeric(column, imputes ? MissingPolicy.MEAN : null));
        }
        Task task = csv.task();
        LabelSpec label;
        if (task == Task.REGRESSION) {
            label = new LabelSpec(csv.labelColumn(), List.of());
        } else if (!csv.classes().isEmpty()) {
            label = new LabelSpec(csv.labelColumn(), csv.classes());
        } else if (inferred.schema().task() == Task.REGRESSION) {
            throw TaskGuard.measurementAsClasses(csv.labelColumn(), inferred.rows());
        } else {
            List<String> classes =
                    inferred.schema().label().classes().stream().sorted().toList();
            TaskGuard.checkClasses(csv.labelColumn(), classes, inferred.rows());
            label = new LabelSpec(csv.labelColumn(), classes);
        }
        return new UclSchema(features, label, task);
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Column values become dataset ids: anything outside the id alphabet turns into '-'. */
    static String centerId(String value) {
        String id = value.replaceAll("[^A-Za-z0-9._:-]", "-");
        if (!Character.isLetterOrDigit(id.charAt(0))) {
            id = "c" + id;
        }
        return id.length() > 128 ? id.substring(0, 128) : id;
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
