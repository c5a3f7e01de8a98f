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
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.protocol.ucl.Task;
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
                assertThat(c.train().schema().classes()).containsExactly("hi", "lo");
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
            assertThat(centers.get(0).train().schema().featureNames()).hasSize(180);
            assertThat(centers.get(0).train().schema().classes())
                    .containsExactly("eating", "sleeping", "indoor", "outdoor");
            assertThat(centers.get(0).train().size()).isGreaterThan(2 * 300);
            assertThat(centers.get(0).test().size()).isGreaterThan(300);
        }
    }
}
