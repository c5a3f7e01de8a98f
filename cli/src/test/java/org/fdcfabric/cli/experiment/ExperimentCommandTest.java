package org.fdcfabric.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExperimentCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExperimentCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A CSV of {@code rows} rows of two standard normal features a and b, each line made by {@code line}. */
    private Path write(String name, String header, int rows, long seed, CsvLine line) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        lines.add(header);
        for (int i = 0; i < rows; i++) {
            lines.add(line.line(i, random.nextGaussian(), random.nextGaussian(), random));
        }
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }

    @FunctionalInterface
    private interface CsvLine {
        String line(int index, double a, double b, SplittableRandom random);
    }

    private Path csv() throws Exception {
        return write(
                "data.csv",
                "site,a,b,cls",
                450,
                4,
                (i, a, b, random) ->
                        String.format(Locale.ROOT, "s%d,%.5f,%.5f,%s", i % 3, a, b, a - b > 0 ? "up" : "down"));
    }

    /** A logistic model on {@link #csv()} split by its site column, without a progress bar. */
    private List<String> csvRun(int rounds) throws Exception {
        return List.of(
                "--csv",
                csv().toString(),
                "--features",
                "a,b",
                "--label",
                "cls",
                "--partition-column",
                "site",
                "--model",
                "logistic",
                "--rounds",
                String.valueOf(rounds),
                "--learning-rate",
                "0.05",
                "--quorum",
                "2",
                "--no-progress",
                "--models-dir",
                dir.resolve("models").toString());
    }

    @Nested
    class Csv {
        @Test
        void withJsonPrintsTypedResults() throws Exception {
            List<String> args = new ArrayList<>(csvRun(2));
            args.add("--json");
            Run run = run(args.toArray(String[]::new));
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();

            var report = CanonicalJson.tree(run.out().strip());
            assertThat(report.get("centers").asInt()).isEqualTo(3);
            assertThat(report.get("task").asText()).isEqualTo("CLASSIFICATION");
            assertThat(report.get("federatedModelDirectory").asText())
                    .isEqualTo(dir.resolve("models").resolve("experiment").toString());
            assertThat(report.get("results"))
                    .extracting(r -> r.get("strategy").asText())
                    .containsExactly("federated", "centralized", "local-only");
            report.get("results").forEach(r -> {
                assertThat(r.get("wallTimeMs").isIntegralNumber()).isTrue();
                assertThat(r.get("metrics").get("accuracy").isNumber()).isTrue();
                assertThat(r.get("metrics").get("accuracy").asDouble()).isBetween(0.0, 1.0);
                assertThat(r.get("confusion").isArray()).isTrue();
            });
        }

        @Test
        void printsTheComparisonForACsvPartitionedByAColumn() throws Exception {
            Run run = run(csvRun(3).toArray(String[]::new));
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out())
                    .contains(
                            "3 centers",
                            "federated",
                            "centralized",
                            "local-only",
                            "macro-F1",
                            "confusion matrix, federated",
                            "models with their provenance and preprocessing")
                    .containsPattern("federated\\s+(0\\.9|1\\.0)");
            // a logistic model trains plain FedAvg unless --server-optimizer names one
            assertThat(Files.readString(dir.resolve("models/experiment/final.provenance.json")))
                    .doesNotContain("fedadam");
        }

        @Test
        void aMissingColumnIsAClearErrorWithExitCode2() throws Exception {
            Run run = run("--csv", csv().toString(), "--features", "a,zzz", "--label", "cls", "--no-progress");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("error: column 'zzz' is not in the header");
        }

        @Test
        void aMissingFileAndBadRowsAreClearErrorsWithExitCode2() throws Exception {
            Run absent = run(
                    "--csv",
                    dir.resolve("absent.csv").toString(),
                    "--features",
                    "a",
                    "--label",
                    "cls",
                    "--no-progress");
            assertThat(absent.exit()).isEqualTo(2);
            assertThat(absent.err()).startsWith("error: NO_SUCH_FILE: no such file: ");

            Path semicolons = Files.writeString(dir.resolve("semi.csv"), "a;cls\n1,5;up\n;down\n2;up\n3;down\n");
            Run bad = run(
                    "--csv",
                    semicolons.toString(),
                    "--delimiter",
                    "semicolon",
                    "--features",
                    "a",
                    "--label",
                    "cls",
                    "--no-progress");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err())
                    .contains("2 of 4 rows refused: line 2: column 'a' has '1,5', not a number")
                    .contains("line 3: column 'a' is missing");
        }

        @Test
        void unknownStrategiesAndModelsAreRefused() throws Exception {
            Run strategy = run(
                    "--csv",
                    csv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "cls",
                    "--strategies",
                    "magic",
                    "--no-progress");
            assertThat(strategy.exit()).isEqualTo(2);
            assertThat(strategy.err()).contains("unknown strategy 'magic'");
            Run model = run(
                    "--csv",
                    csv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "cls",
                    "--model",
                    "svm",
                    "--no-progress");
            assertThat(model.err()).contains("unknown model family 'svm'");
        }

        @Test
        void csvOptionsComeTogether() {
            Run run = run("--csv", "x.csv", "--no-progress");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("Missing required argument");
        }
    }

    /** y = 2a - b + a^2 + noise: a numeric label with a distinct value per row. */
    private Path regressionCsv() throws Exception {
        return write(
                "regression.csv",
                "a,b,y",
                600,
                8,
                (i, a, b, random) -> String.format(
                        Locale.ROOT, "%.5f,%.5f,%.6f", a, b, 2 * a - b + a * a + 0.05 * random.nextGaussian()));
    }

    @Nested
    class Regression {
        @Test
        void anMlpLearnsARegressionAndReportsMseMaeAndR2() throws Exception {
            Run run = run(
                    "--csv",
                    regressionCsv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "y",
                    "--task",
                    "regression",
                    "--model",
                    "mlp",
                    "--hidden",
                    "16",
                    "--rounds",
                    "15",
                    "--learning-rate",
                    "0.02",
                    "--batch-size",
                    "16",
                    "--centers",
                    "3",
                    "--strategies",
                    "federated,centralized",
                    "--server-optimizer",
                    "fedadam",
                    "--no-progress",
                    "--models-dir",
                    dir.resolve("models").toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("regression", "MSE", "MAE", "R2");
            // R² of both models well above what predicting the mean (0) gives; on the standardized target FedAdam's
            // steps of 0.1 still move the federated model around the optimum after 15 rounds
            assertThat(run.out()).containsPattern("federated\\s+\\S+\\s+\\S+\\s+0\\.[89]\\d{3}");
            assertThat(run.out()).containsPattern("centralized\\s+\\S+\\s+\\S+\\s+0\\.9\\d{3}");
            assertThat(Files.readString(dir.resolve("models/experiment/final.provenance.json")))
                    .contains("server fedadam(lr=0.1");
        }

        @Test
        void aNumericLabelWithAValuePerRowIsRefusedAsClassesWithTheRegressionHint() throws Exception {
            Run run = run(
                    "--csv",
                    regressionCsv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "y",
                    "--no-progress",
                    "--models-dir",
                    dir.resolve("models").toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err())
                    .startsWith(
                            "error: TOO_MANY_CLASSES: label 'y' is numeric with too many distinct values in 600 rows")
                    .contains("did you mean --task regression?");
            assertThat(run.out()).isEmpty();
            assertThat(dir.resolve("models")).doesNotExist();
        }

        @Test
        void aTextLabelIsRefusedAsARegressionTargetWithTheClassificationHint() throws Exception {
            Run run = run(
                    "--csv",
                    csv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "cls",
                    "--task",
                    "regression",
                    "--no-progress");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err())
                    .contains("line 2: label 'cls' has 'up', not a number")
                    .contains("did you mean --task classification?");
        }
    }

    @Nested
    class Optimization {
        @Test
        void badOptimizerOrScheduleOptionsAreRefusedBeforeTraining() throws Exception {
            Run optimizer = run(
                    "--csv",
                    csv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "cls",
                    "--server-optimizer",
                    "sgd",
                    "--no-progress");
            assertThat(optimizer.exit()).isEqualTo(2);
            assertThat(optimizer.err()).contains("--server-optimizer must be one of none, fedadam, fedyogi, was 'sgd'");
            Run schedule = run(
                    "--csv",
                    csv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "cls",
                    "--lr-schedule",
                    "step",
                    "--no-progress");
            assertThat(schedule.exit()).isEqualTo(2);
            assertThat(schedule.err()).contains("--lr-schedule step: the job's lrStepRounds must be in 1..10000");
        }
    }

    @Nested
    class Wearable {
        @Test
        void runsTheCaseStudyWithASmallNetwork() throws Exception {
            Run run = run(
                    "--subjects-per-school",
                    "2",
                    "--hidden",
                    "16",
                    "--rounds",
                    "2",
                    "--learning-rate",
                    "0.05",
                    "--strategies",
                    "federated,centralized",
                    "--no-progress",
                    "--models-dir",
                    dir.resolve("m").toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out())
                    .contains("5 centers", "180 features", "4 classes", "eating", "outdoor")
                    .doesNotContain("local-only");
            // an mlp trains with FedAdam unless --server-optimizer says otherwise (benchmarks/README-convergence.md)
            assertThat(Files.readString(dir.resolve("m/experiment/final.provenance.json")))
                    .contains("server fedadam(lr=0.1");
        }
    }

    @Nested
    class Aggregation {
        private Run federated(String... aggregation) throws Exception {
            List<String> args = new ArrayList<>(List.of(
                    "--csv",
                    csv().toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "cls",
                    "--partition-column",
                    "site",
                    "--model",
                    "logistic",
                    "--rounds",
                    "2",
                    "--learning-rate",
                    "0.05",
                    "--quorum",
                    "3",
                    "--strategies",
                    "federated",
                    "--no-progress",
                    "--models-dir",
                    dir.resolve("models").toString()));
            args.addAll(List.of(aggregation));
            return run(args.toArray(String[]::new));
        }

        @Test
        void secureRoundsTrainTheFederatedModel() throws Exception {
            Run run = federated("--secure");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).containsPattern("federated\\s+(0\\.9|1\\.0)");
            assertThat(Files.readString(dir.resolve("models/experiment/final.provenance.json")))
                    .contains("coordinator (secure fedavg)");
            // standardized by default, with statistics summed through secure aggregation
            assertThat(ModelProvenance.read(Files.readString(dir.resolve("models/experiment/final.provenance.json")))
                            .preprocessing()
                            .scaling())
                    .isEqualTo(Scaling.STANDARDIZE);
        }

        @Test
        void aRobustRuleTrainsTheFederatedModel() throws Exception {
            Run run = federated("--aggregator", "trimmed-mean:beta=0.34");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).containsPattern("federated\\s+(0\\.9|1\\.0)");
            assertThat(Files.readString(dir.resolve("models/experiment/final.provenance.json")))
                    .contains("coordinator (trimmed-mean");
        }

        @Test
        void anUnknownRuleOrSecureWithARobustRuleIsRefusedBeforeTraining() throws Exception {
            Run unknown = federated("--aggregator", "magic");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).startsWith("error: --aggregator: ");
            Run both = federated("--secure", "--aggregator", "krum");
            assertThat(both.exit()).isEqualTo(2);
            assertThat(both.err()).startsWith("error: --aggregator: ");
            assertThat(dir.resolve("models/experiment")).doesNotExist();
        }
    }

    @Nested
    class SavedModels {
        private Run fdc(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Fdc.commandLine(new CliContext(
                    Connector.gateway(),
                    new PrintWriter(out),
                    new PrintWriter(err),
                    Map.of(),
                    Clock.systemUTC(),
                    new SecureRandom()));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(), err.toString());
        }

        /** {@code fdc model evaluate --json}'s accuracy of a saved model on a raw CSV; the command must succeed. */
        private double evaluatedAccuracy(Path model, Path csv) throws Exception {
            Run score = fdc("model", "evaluate", "--model", model.toString(), "--csv", csv.toString(), "--json");
            assertThat(score.err()).isEmpty();
            assertThat(score.exit()).isZero();
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(score.out())
                    .get("metrics")
                    .get("accuracy")
                    .asDouble();
        }

        /** Raw-scale columns (a around 1000, b around -300) that only train well standardized. */
        private Path rawCsv(String name, long seed, int rows) throws Exception {
            SplittableRandom random = new SplittableRandom(seed);
            List<String> lines = new ArrayList<>();
            lines.add("a,b,cls");
            for (int i = 0; i < rows; i++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                lines.add(String.format(
                        Locale.ROOT, "%.5f,%.5f,%s", 1000 + 200 * a, -300 + 50 * b, a - b > 0 ? "up" : "down"));
            }
            Path file = dir.resolve(name);
            Files.write(file, lines);
            return file;
        }

        @Test
        void everyModelIsSavedAndScoresARawTestFileWithItsPreprocessing() throws Exception {
            Path test = rawCsv("test.csv", 9, 200);
            Path models = dir.resolve("models");
            Run run = logisticRun(rawCsv("train.csv", 4, 450), "a,b", models, "--test-csv", test.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("200 test samples").containsPattern("centralized\\s+(0\\.9|1\\.0)");
            for (String model :
                    List.of("experiment", "centralized", "local-center-1", "local-center-2", "local-center-3")) {
                assertThat(models.resolve(model).resolve("final.model")).exists();
                assertThat(Files.readString(models.resolve(model).resolve("final.provenance.json")))
                        .contains("\"scaling\" : \"STANDARDIZE\"");
            }

            double accuracy = evaluatedAccuracy(models.resolve("centralized/final.model"), test);
            assertThat(accuracy).isGreaterThan(0.9);
            assertThat(run.out()).containsPattern(String.format(Locale.ROOT, "centralized\\s+%.4f", accuracy));

            Path bad = dir.resolve("bad.csv");
            Files.writeString(bad, "a,b,cls\n1000,x,up\n");
            Run refused = fdc(
                    "model",
                    "evaluate",
                    "--model",
                    models.resolve("centralized/final.model").toString(),
                    "--csv",
                    bad.toString());
            assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(refused.err()).contains("INVALID_CSV").contains("line 2");
        }

        /**
         * Raw a (around 50) with a tenth of its cells empty, and a text colour (red "up", blue "down", green by a)
         * with a tenth empty: the table a data scientist brings.
         */
        private Path mixedCsv(String name, long seed, int rows) throws Exception {
            return write(name, "a,colour,cls", rows, seed, (i, a, b, random) -> {
                String colour = b < -0.43 ? "blue" : b > 0.43 ? "red" : "green";
                double score = a + (colour.equals("red") ? 2 : colour.equals("blue") ? -2 : 0);
                return (random.nextInt(10) == 0 ? "" : String.format(Locale.ROOT, "%.4f", 50 + 10 * a)) + ","
                        + (random.nextInt(10) == 0 ? "" : colour) + "," + (score > 0 ? "up" : "down");
            });
        }

        /** A logistic model on {@code train}'s {@code features}, randomly split over 3 centers, 5 rounds. */
        private Run logisticRun(Path train, String features, Path models, String... more) {
            List<String> args = new ArrayList<>(List.of(
                    "--csv",
                    train.toString(),
                    "--features",
                    features,
                    "--label",
                    "cls",
                    "--centers",
                    "3",
                    "--model",
                    "logistic",
                    "--rounds",
                    "5",
                    "--learning-rate",
                    "0.05",
                    "--no-progress",
                    "--models-dir",
                    models.toString()));
            args.addAll(List.of(more));
            return run(args.toArray(String[]::new));
        }

        @Test
        void textColumnsAndMissingCellsTrainThroughTheJobsPreprocessing() throws Exception {
            Path train = mixedCsv("mixed.csv", 4, 600);
            Run strict = logisticRun(train, "a,colour", dir.resolve("strict"));
            assertThat(strict.exit()).isEqualTo(2);
            assertThat(strict.err()).contains("is missing and its missing policy is REFUSE", "add --missing impute");
            assertThat(dir.resolve("strict/experiment")).doesNotExist();

            Path test = mixedCsv("mixed-test.csv", 9, 300);
            Path models = dir.resolve("models");
            Run run = logisticRun(train, "a,colour", models, "--missing", "impute", "--test-csv", test.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("300 test samples", "4 features");
            // colour decides most labels: every strategy is well above the majority class (about 0.5)
            assertThat(run.out())
                    .containsPattern("federated\\s+0\\.(8|9)")
                    .containsPattern("centralized\\s+0\\.(8|9)")
                    .containsPattern("local-only\\s+0\\.(8|9)");
            for (String model : List.of("experiment", "centralized", "local-center-1")) {
                String provenance = Files.readString(models.resolve(model).resolve("final.provenance.json"));
                var transform = ModelProvenance.read(provenance).preprocessing();
                assertThat(transform.schema().features().get(1).categories()).containsExactly("blue", "green", "red");
                assertThat(transform.columns().get(0).fill()).as(model).isNotNull();
                assertThat(transform.columns().get(1).fill()).as(model).isIn("blue", "green", "red");
            }
            // the federated model's provenance carries the fills and the vocabulary: raw rows with gaps score as well
            assertThat(evaluatedAccuracy(models.resolve("experiment/final.model"), test))
                    .isGreaterThan(0.8);

            Path unseen = Files.writeString(dir.resolve("unseen.csv"), "a,colour,cls\n50,red,up\n40,purple,down\n");
            Run refused = logisticRun(
                    train, "a,colour", dir.resolve("unseen"), "--missing", "impute", "--test-csv", unseen.toString());
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("line 3: column 'colour' has 'purple', not among its 3 categories");
        }

        @Test
        void withoutStandardizationMissingCellsAreStillImputedAndTextOneHot() throws Exception {
            Path models = dir.resolve("raw");
            Run run = logisticRun(
                    mixedCsv("mixed.csv", 4, 600),
                    "a,colour",
                    models,
                    "--missing",
                    "impute",
                    "--preprocess",
                    "none",
                    "--strategies",
                    "centralized");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            var transform = ModelProvenance.read(Files.readString(models.resolve("centralized/final.provenance.json")))
                    .preprocessing();
            assertThat(transform.scaling()).isEqualTo(Scaling.NONE);
            assertThat(transform.columns().get(0).fill()).isNotNull();
            assertThat(transform.columns().get(1).fill()).isIn("blue", "green", "red");
            Run bad = logisticRun(
                    mixedCsv("mixed.csv", 4, 600), "a,colour", dir.resolve("bad"), "--missing", "sometimes");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).contains("--missing must be refuse or impute");
        }

        @Test
        void aRegressionModelPredictsInTheTargetsUnits() throws Exception {
            // y = 500 + 100 (2a - b): a target in the hundreds, which the job standardizes for training
            Path train = write(
                    "prices.csv",
                    "a,b,y",
                    400,
                    3,
                    (i, a, b, random) -> String.format(Locale.ROOT, "%.5f,%.5f,%.3f", a, b, 500 + 100 * (2 * a - b)));
            Path models = dir.resolve("models");
            Run run = run(
                    "--csv",
                    train.toString(),
                    "--features",
                    "a,b",
                    "--label",
                    "y",
                    "--task",
                    "regression",
                    "--model",
                    "mlp",
                    "--hidden",
                    "16",
                    "--rounds",
                    "20",
                    "--learning-rate",
                    "0.02",
                    "--strategies",
                    "centralized",
                    "--no-progress",
                    "--models-dir",
                    models.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            Path rows = dir.resolve("rows.csv");
            Files.writeString(rows, "a,b\n1,0\n0,1\n0,0\n");
            Run predicted = fdc(
                    "model",
                    "predict",
                    "--model",
                    models.resolve("centralized/final.model").toString(),
                    "--csv",
                    rows.toString(),
                    "--json");
            assertThat(predicted.exit()).as(predicted.err()).isZero();
            var predictions = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(predicted.out())
                    .get("predictions");
            double[] truth = {700, 400, 500};
            for (int i = 0; i < truth.length; i++) {
                assertThat(Double.parseDouble(
                                predictions.get(i).get("prediction").asText()))
                        .as("row %d", i + 1)
                        .isCloseTo(truth[i], within(40.0));
            }
        }
    }
}
