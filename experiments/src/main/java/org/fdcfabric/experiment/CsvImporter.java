package org.fdcfabric.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.TaskGuard;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Imports any tabular CSV as per-center datasets, through the data center's own reader: one streaming pass types
 * the columns ({@link TabularSchemaInference}), a second reads the rows ({@link TabularCsvReader}) into compact
 * {@link TabularRows}, dealt to centers by the partitioning and split into train and test. Bad rows are reported by
 * file line (the first few and a count) and refuse the file.
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
        try (InputStream in = open(file)) {
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
            throw new TabularCsvException(
                    TabularCsvException.Code.UNREADABLE, "reading " + file + " failed: " + e.getMessage(), e);
        }
        if (report.refused() > 0) {
            boolean textTargets = schema.task() == Task.REGRESSION
                    && report.firstRefused().stream()
                            .anyMatch(row -> row.reason().startsWith("label '" + csv.labelColumn() + "' has "));
            throw new IllegalArgumentException(file + ": " + report.summary()
                    + (textTargets ? ". A regression needs a numeric label: did you mean --task classification?" : ""));
        }
        if (report.accepted() == 0) {
            throw new IllegalArgumentException(file + " has no data rows");
        }
        if (partitioning.byColumn().isEmpty() && parts.size() < partitioning.centers()) {
            throw new IllegalArgumentException(
                    report.accepted() + " rows cannot fill " + partitioning.centers() + " centers");
        }
        DatasetSchema datasetSchema = DatasetSchema.fromUcl(schema);
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
            List<Integer> testRows = indices.subList(0, test).stream().sorted().toList();
            List<Integer> trainRows =
                    indices.subList(test, indices.size()).stream().sorted().toList();
            centers.add(new CenterDataset(
                    part.getKey(), dataset(datasetSchema, all, trainRows), dataset(datasetSchema, all, testRows)));
        }
        return centers;
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "not allowed to read " + file);
        }
    }

    /**
     * The UCL schema of the experiment's columns: each feature typed by the file's content, the label as the
     * experiment says (its classes given, or the label's distinct texts sorted).
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
            // a text column is categorical; a numeric column with a few stray texts is left to the reader, which
            // names the rows holding them by line
            if (spec.type() == FeatureType.CATEGORICAL
                    && spec.categories().stream().noneMatch(CsvImporter::isNumber)) {
                throw new IllegalArgumentException("column '" + column + "' of " + file + " holds text (categories "
                        + spec.categories()
                                .subList(0, Math.min(3, spec.categories().size()))
                        + "...): experiments train on numeric columns only; drop it from --features");
            }
            // experiments train on the rows as read, so a missing cell refuses its row, reported by line
            features.add(FeatureSpec.numeric(column, null));
        }
        Task task = csv.task();
        LabelSpec label;
        if (task == Task.REGRESSION) {
            label = new LabelSpec(csv.labelColumn(), List.of());
        } else if (!csv.classes().isEmpty()) {
            label = new LabelSpec(csv.labelColumn(), csv.classes());
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

    private static LocalDataset dataset(DatasetSchema schema, TabularRows rows, List<Integer> indices) {
        List<float[]> features = new ArrayList<>(indices.size());
        List<Integer> classes = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int index : indices) {
            features.add(rows.row(index));
            if (schema.task() == Task.CLASSIFICATION) {
                classes.add((int) rows.label(index));
            } else {
                targets.add(rows.label(index));
            }
        }
        return schema.task() == Task.CLASSIFICATION
                ? LocalDataset.classification(schema, features, classes)
                : LocalDataset.regression(schema, features, targets);
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
