package org.fdcfabric.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fdcfabric.protocol.json.CanonicalJson;
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

    private Path csv() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        List<String> lines = new ArrayList<>();
        lines.add("site,a,b,cls");
        for (int i = 0; i < 450; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            lines.add(String.format(Locale.ROOT, "s%d,%.5f,%.5f,%s", i % 3, a, b, a - b > 0 ? "up" : "down"));
        }
        Path file = dir.resolve("data.csv");
        Files.write(file, lines);
        return file;
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
                            "federated model and provenance")
                    .containsPattern("federated\\s+(0\\.9|1\\.0)");
            assertThat(dir.resolve("models/experiment/final.provenance.json")).exists();
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

    @Nested
    class Wearable {
        @Test
        void runsTheCaseStudyWithASmallNetwork() {
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
}
