package org.fdcfabric.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {
    @TempDir
    Path dir;

    /** y = 2a - b + noise, label "hi" when y > 0; a site column with three sites. */
    private Path csv(int rows) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        List<String> lines = new ArrayList<>();
        lines.add("site,a,b,y,cls");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double y = 2 * a - b + 0.1 * random.nextGaussian();
            lines.add(String.format(
                    java.util.Locale.ROOT, "\"site %d\",%.5f,%.5f,%.5f,%s", i % 3, a, b, y, y > 0 ? "hi" : "lo"));
        }
        Path file = dir.resolve("data.csv");
        Files.write(file, lines);
        return file;
    }

    /**
     * A table a data scientist brings: numeric {@code a}, text {@code colour} that decides most of the label (red
     * "hi", blue "lo", green by {@code a}), about a tenth of both cells empty, three sites.
     */
    private Path mixedCsv(int rows) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        String[] colours = {"red", "green", "blue"};
        List<String> lines = new ArrayList<>();
        lines.add("site,a,colour,cls");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            String colour = colours[random.nextInt(3)];
            double score = 1.5 * a + (colour.equals("red") ? 3 : colour.equals("blue") ? -3 : 0);
            String aCell = random.nextInt(10) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.4f", a);
            String colourCell = random.nextInt(10) == 0 ? "" : colour;
            lines.add("s" + i % 3 + "," + aCell + "," + colourCell + "," + (score > 0 ? "hi" : "lo"));
        }
        Path file = dir.resolve("mixed.csv");
        Files.write(file, lines);
        return file;
    }

    private static final CsvSchema MIXED =
            new CsvSchema(List.of("a", "colour"), "cls", Task.CLASSIFICATION, List.of(), true);

    @Test
    void aDivergedLossPrintsInScientificNotation() {
        assertThat(ExperimentReport.number(593644848806064600000.0)).isEqualTo("5.9364e+20");
        assertThat(ExperimentReport.number(0.6931)).isEqualTo("0.6931");
        assertThat(ExperimentReport.number(0.00002)).isEqualTo("2.0000e-05");
    }

    @Nested
    class CsvImport {
        @Test
        void partitionsByColumnAndSplitsEachCenter() throws Exception {
            List<CenterDataset> centers = new CsvImporter()
                    .importCsv(
                            csv(300),
                            new CsvSchema(List.of("a", "b"), "cls", Task.CLASSIFICATION, List.of()),
                            Partitioning.byColumn("site", 5, 0.2));
            assertThat(centers).extracting(CenterDataset::datasetId).containsExactly("site-0", "site-1", "site-2");
            assertThat(centers).allSatisfy(c -> {
                assertThat(c.train().size()).isEqualTo(80);
                assertThat(c.test().size()).isEqualTo(20);
                assertThat(c.train().schema().label().classes()).containsExactly("hi", "lo");
            });
        }

        @Test
        void randomSplitIsSeeded() throws Exception {
            Path file = csv(200);
            CsvSchema schema = new CsvSchema(List.of("a", "b"), "y", Task.REGRESSION, List.of());
            List<CenterDataset> one = new CsvImporter().importCsv(file, schema, Partitioning.random(4, 9, 0.25));
            List<CenterDataset> two = new CsvImporter().importCsv(file, schema, Partitioning.random(4, 9, 0.25));
            assertThat(one).hasSize(4);
            assertThat(one.get(2).train().row(0))
                    .containsExactly(two.get(2).train().row(0));
            assertThat(one.stream()
                            .mapToInt(c -> c.train().size() + c.test().size())
                            .sum())
                    .isEqualTo(200);
        }

        @Test
        void reportsMissingColumnsAndBadCells() throws Exception {
            Path file = csv(30);
            assertThatThrownBy(() -> new CsvImporter()
                            .importCsv(
                                    file,
                                    new CsvSchema(List.of("a", "nope"), "cls", Task.CLASSIFICATION, List.of()),
                                    Partitioning.random(2, 1, 0.2)))
                    .hasMessageContaining("column 'nope' is not in the header");
            Files.writeString(file, "a,b,cls\n1,x,hi\n2,3,lo\n");
            assertThatThrownBy(() -> new CsvImporter()
                            .importCsv(
                                    file,
                                    new CsvSchema(List.of("a", "b"), "cls", Task.CLASSIFICATION, List.of()),
                                    Partitioning.random(1, 1, 0.5)))
                    .hasMessageContaining("1 of 2 rows refused: line 2: column 'b' has 'x', not a number");
        }

        @Test
        void keepsTextColumnsAsCategoriesAndMissingCellsAsNaN() throws Exception {
            List<CenterDataset> centers =
                    new CsvImporter().importCsv(mixedCsv(300), MIXED, Partitioning.byColumn("site", 5, 0.2));
            UclSchema schema = centers.get(0).train().schema();
            assertThat(schema.features())
                    .containsExactly(
                            FeatureSpec.numeric("a", MissingPolicy.MEAN),
                            FeatureSpec.categorical(
                                    "colour", List.of("blue", "green", "red"), MissingPolicy.MOST_FREQUENT));
            int missing = 0;
            for (CenterDataset center : centers) {
                for (TabularRows split : List.of(center.train(), center.test())) {
                    assertThat(split.schema()).isEqualTo(schema);
                    for (int i = 0; i < split.size(); i++) {
                        missing += Float.isNaN(split.cell(i, 0)) ? 1 : 0;
                        missing += Float.isNaN(split.cell(i, 1)) ? 1 : 0;
                    }
                }
            }
            assertThat(missing).isBetween(30, 90);
        }

        @Test
        void refusesMissingCellsUnlessAskedToImputeAndNamesTheFix() throws Exception {
            Path file = mixedCsv(60);
            assertThatThrownBy(() -> new CsvImporter()
                            .importCsv(
                                    file,
                                    new CsvSchema(List.of("a", "colour"), "cls", Task.CLASSIFICATION, List.of()),
                                    Partitioning.random(2, 1, 0.2)))
                    .hasMessageContaining("of 60 rows refused")
                    .hasMessageContaining("line 2: column 'a' is missing")
                    .hasMessageContaining("is missing and its missing policy is REFUSE")
                    .hasMessageEndingWith("add --missing impute");
        }
    }

    @Nested
    class Runner {
        @Test
        void comparesFederatedCentralizedAndLocalOnlyOnTheSameSplit() throws Exception {
            List<CenterDataset> centers = new CsvImporter()
                    .importCsv(
                            csv(600),
                            new CsvSchema(List.of("a", "b"), "cls", Task.CLASSIFICATION, List.of()),
                            Partitioning.byColumn("site", 5, 0.25));
            TrainingPlan plan = new TrainingPlan(
                    ModelArchitecture.logistic(2, 2), 1, 0.05, 1, 0, 1.0, 2, Duration.ofSeconds(30), 0, 11);
            ExperimentReport report = new ExperimentRunner(
                            dir.resolve("models"), new SimpleMeterRegistry(), RoundListener.NONE)
                    .run(centers, new ExperimentSettings(plan, 5, EnumSet.allOf(Strategy.class)));
            double federated = report.result(Strategy.FEDERATED).metrics().get("accuracy");
            double centralized = report.result(Strategy.CENTRALIZED).metrics().get("accuracy");
            assertThat(federated).isGreaterThan(0.85);
            assertThat(Math.abs(federated - centralized)).isLessThan(0.05);
            assertThat(report.testSamples()).isEqualTo(150);
            String text = report.render();
            assertThat(text).contains("federated", "centralized", "local-only", "macro-F1", "confusion matrix");
            assertThat(Files.exists(dir.resolve("models/experiment/final.provenance.json")))
                    .isTrue();
        }

        @Test
        void trainsEveryStrategyOnCategoriesAndMissingCellsAndRecordsTheirPreprocessing() throws Exception {
            List<CenterDataset> centers =
                    new CsvImporter().importCsv(mixedCsv(900), MIXED, Partitioning.byColumn("site", 5, 0.25));
            // 2 inputs in the file, 4 for the model: a, and colour one-hot over its 3 categories
            TrainingPlan plan = new TrainingPlan(
                    ModelArchitecture.logistic(4, 2), 1, 0.05, 1, 0, 1.0, 2, Duration.ofSeconds(30), 0, 11);
            ExperimentReport report = new ExperimentRunner(
                            dir.resolve("models"), new SimpleMeterRegistry(), RoundListener.NONE)
                    .run(
                            centers,
                            new ExperimentSettings(
                                    plan.withPreprocess(Scaling.STANDARDIZE), 5, EnumSet.allOf(Strategy.class)));
            assertThat(report.schema().featureNames()).containsExactly("a", "colour:0", "colour:1", "colour:2");
            double majority = majorityShare(centers);
            for (Strategy strategy : Strategy.values()) {
                assertThat(report.result(strategy).metrics().get("accuracy"))
                        .as(strategy + " against the majority class's " + majority)
                        .isGreaterThan(majority + 0.25);
            }
            for (String model : List.of("experiment", "centralized", "local-s0")) {
                InputTransform transform = ModelProvenance.read(
                                Files.readString(dir.resolve("models/" + model + "/final.provenance.json")))
                        .preprocessing();
                assertThat(transform.schema().features().get(1).categories())
                        .as(model)
                        .containsExactly("blue", "green", "red");
                // a is imputed with the job's mean and standardized; colour is imputed with its most frequent
                // category (the one-hot follows from its type)
                assertThat(transform.columns().get(0).fill()).as(model).isNotNull();
                assertThat(transform.columns().get(0).scale()).as(model).isNotEqualTo("1");
                assertThat(transform.columns().get(1).fill()).as(model).isIn("blue", "green", "red");
            }
        }

        @Test
        void withoutStandardizingStillImputesAndEncodes() throws Exception {
            List<CenterDataset> centers =
                    new CsvImporter().importCsv(mixedCsv(900), MIXED, Partitioning.byColumn("site", 5, 0.25));
            TrainingPlan plan = new TrainingPlan(
                            ModelArchitecture.logistic(4, 2), 1, 0.05, 1, 0, 1.0, 2, Duration.ofSeconds(30), 0, 11)
                    .withPreprocess(Scaling.NONE);
            ExperimentReport report = new ExperimentRunner(
                            dir.resolve("raw"), new SimpleMeterRegistry(), RoundListener.NONE)
                    .run(centers, new ExperimentSettings(plan, 5, EnumSet.of(Strategy.FEDERATED)));
            assertThat(report.result(Strategy.FEDERATED).metrics().get("accuracy"))
                    .isGreaterThan(majorityShare(centers) + 0.25);
            InputTransform transform = ModelProvenance.read(
                            Files.readString(dir.resolve("raw/experiment/final.provenance.json")))
                    .preprocessing();
            assertThat(transform.scaling()).isEqualTo(Scaling.NONE);
            assertThat(transform.columns().get(0).fill()).isNotNull();
            assertThat(transform.columns().get(0).scale()).isEqualTo("1");
            assertThat(transform.columns().get(1).fill()).isIn("blue", "green", "red");
        }

        /** The share of the pooled test rows in their most frequent class. */
        private static double majorityShare(List<CenterDataset> centers) {
            long[] counts = new long[2];
            long total = 0;
            for (CenterDataset center : centers) {
                for (int i = 0; i < center.test().size(); i++) {
                    counts[(int) center.test().label(i)]++;
                    total++;
                }
            }
            return (double) Math.max(counts[0], counts[1]) / total;
        }

        @Test
        void reportsMseForRegression() throws Exception {
            List<CenterDataset> centers = new CsvImporter()
                    .importCsv(
                            csv(300),
                            new CsvSchema(List.of("a", "b"), "y", Task.REGRESSION, List.of()),
                            Partitioning.random(3, 2, 0.2));
            TrainingPlan plan = new TrainingPlan(
                    ModelArchitecture.linear(2, 1), 2, 0.02, 1, 0, 1.0, 2, Duration.ofSeconds(30), 0, 5);
            ExperimentReport report = new ExperimentRunner(dir, new SimpleMeterRegistry(), RoundListener.NONE)
                    .run(
                            centers,
                            new ExperimentSettings(plan, 6, EnumSet.of(Strategy.FEDERATED, Strategy.CENTRALIZED)));
            assertThat(report.result(Strategy.FEDERATED).metrics().get("mse")).isLessThan(0.05);
            assertThat(report.render()).contains("MSE").doesNotContain("local-only");
        }

        @Test
        void wearableCaseStudyDataHasFdcShape() {
            List<CenterDataset> centers = WearableExperimentData.build(1, 3, 1, 1);
            assertThat(centers).hasSize(5);
            assertThat(centers.get(0).train().schema().features()).hasSize(180);
            assertThat(centers.get(0).train().schema().label().classes())
                    .containsExactly("eating", "sleeping", "indoor", "outdoor");
            assertThat(centers.get(0).train().size()).isGreaterThan(2 * 300);
            assertThat(centers.get(0).test().size()).isGreaterThan(300);
        }
    }
}
