package org.fdcfabric.cli.experiment;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import org.fdcfabric.cli.AggregationOptions;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.JsonOption;
import org.fdcfabric.cli.OptimizationOptions;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Terminals;
import org.fdcfabric.compute.coordinator.ConsoleProgress;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.experiment.CsvImporter;
import org.fdcfabric.experiment.CsvSchema;
import org.fdcfabric.experiment.ExperimentReport;
import org.fdcfabric.experiment.ExperimentRunner;
import org.fdcfabric.experiment.ExperimentSettings;
import org.fdcfabric.experiment.Partitioning;
import org.fdcfabric.experiment.Strategy;
import org.fdcfabric.experiment.WearableExperimentData;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularCsvException;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.learning.tabular.TabularCsvReader;
import org.fdcfabric.learning.tabular.TabularCsvReport;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fdc experiment}: federated vs centralized vs local-only training of one model on one split, on FDC's
 * wearable case study (default) or any CSV; prints accuracy, macro-F1 and the confusion matrix (or MSE), rounds
 * and wall time.
 */
@Command(
        name = "experiment",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc experiment --rounds 10 --strategies fedavg,fedprox",
            "  fdc experiment --csv heart.csv --features age,chol --label target \\",
            "      --centers 3"
        },
        mixinStandardHelpOptions = true,
        description = {
            "Compare federated, centralized and local-only training on the same split.",
            "Data: FDC's wearable case study (5 schools, 180 features, 4 activities) or a CSV file."
        },
        sortOptions = false)
public final class ExperimentCommand implements Callable<Integer> {
    /** Usage errors and bad data exit with 2, as picocli does for bad options. */
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = false, heading = "CSV data (default: the wearable simulator)%n")
    CsvOptions csv;

    static final class CsvOptions {
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file with a header row")
        Path file;

        @Option(
                names = "--features",
                required = true,
                split = ",",
                paramLabel = "COL",
                description = "feature columns: numeric, or text (categorical: one-hot encoded by the job's"
                        + " preprocessing, its vocabulary the column's distinct texts)")
        List<String> features;

        @Option(names = "--label", required = true, paramLabel = "COL", description = "label column")
        String label;

        @Option(
                names = "--task",
                defaultValue = "classification",
                description = "classification or regression (default: ${DEFAULT-VALUE})")
        String task;

        @Option(
                names = "--classes",
                split = ",",
                paramLabel = "NAME",
                description = "class names in index order (default: the label's distinct values, sorted)")
        List<String> classes = new ArrayList<>();

        @Option(
                names = "--partition-column",
                paramLabel = "COL",
                description = "one center per distinct value of this column (e.g. a subject or site id)")
        String partitionColumn;

        @Option(
                names = "--centers",
                defaultValue = "5",
                description =
                        "without --partition-column: seeded random split into this many centers (default: ${DEFAULT-VALUE})")
        int centers;

        @Option(
                names = "--test-fraction",
                defaultValue = "0.2",
                description = "each center's held-out test share (default: ${DEFAULT-VALUE})")
        double testFraction;

        @Option(
                names = "--delimiter",
                defaultValue = ",",
                paramLabel = "CHAR",
                description = "field delimiter: one character, or tab, comma, semicolon (default: '${DEFAULT-VALUE}')")
        String delimiter;

        @Option(
                names = "--encoding",
                defaultValue = "UTF-8",
                paramLabel = "CHARSET",
                description = "the file's text encoding (default: ${DEFAULT-VALUE})")
        String encoding;

        @Option(
                names = "--missing",
                defaultValue = "refuse",
                paramLabel = "refuse|impute",
                description = "a missing feature cell refuses its row, or is imputed by the job's preprocessing"
                        + " (numeric: the mean, text: the most frequent category, across the centers)"
                        + " (default: ${DEFAULT-VALUE})")
        String missing;

        boolean imputeMissing() {
            return switch (missing.toLowerCase(Locale.ROOT)) {
                case "refuse" -> false;
                case "impute" -> true;
                default ->
                    throw new IllegalArgumentException("--missing must be refuse or impute, was '" + missing + "'");
            };
        }

        TabularCsvOptions format() {
            try {
                return TabularCsvOptions.defaults()
                        .withDelimiter(TabularCsvOptions.parseDelimiter(delimiter))
                        .withEncoding(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new IllegalArgumentException("unknown encoding '" + encoding + "'");
            }
        }
    }

    @Option(
            names = "--subjects-per-school",
            defaultValue = "7",
            description = "wearable data: children per school (default: ${DEFAULT-VALUE}; FDC: 7)")
    int subjectsPerSchool;

    @Option(
            names = "--test-subjects",
            defaultValue = "1",
            description = "wearable data: children per school held out for testing (default: ${DEFAULT-VALUE})")
    int testSubjects;

    @Option(
            names = "--days",
            defaultValue = "1",
            description = "wearable data: school days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(
            names = "--model",
            defaultValue = "mlp",
            description = "mlp, logistic, fm or linear (default: ${DEFAULT-VALUE})")
    String model;

    @Option(
            names = "--hidden",
            split = ",",
            defaultValue = "1024,128",
            description = "mlp hidden layer widths (default: FDC's ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--factors", defaultValue = "8", description = "fm factor size (default: ${DEFAULT-VALUE})")
    int factors;

    @Option(names = "--rounds", defaultValue = "20", description = "round budget (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--local-epochs", defaultValue = "1", description = "epochs per round (default: ${DEFAULT-VALUE})")
    int localEpochs;

    @Option(names = "--learning-rate", defaultValue = "0.005", description = "SGD step (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "examples per SGD step, every model family (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--mu", defaultValue = "0", description = "FedProx mu, mlp only (default: ${DEFAULT-VALUE})")
    double mu;

    @Option(
            names = "--fraction",
            defaultValue = "1.0",
            description = "fraction C of centers sampled per round (default: ${DEFAULT-VALUE})")
    double fraction;

    @Option(
            names = "--quorum",
            defaultValue = "1",
            description = "minimum updates per round (default: ${DEFAULT-VALUE})")
    int quorum;

    @Option(
            names = "--deadline-seconds",
            defaultValue = "600",
            description = "per-round deadline (default: ${DEFAULT-VALUE})")
    long deadlineSeconds;

    @Option(
            names = "--epsilon",
            defaultValue = "0",
            description = "stop when ||w_p - w_(p-1)|| <= epsilon; 0 runs the budget (default: ${DEFAULT-VALUE})")
    double epsilon;

    @Option(
            names = "--seed",
            defaultValue = "2019",
            description = "seed of data, split and training (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    AggregationOptions aggregation;

    @Mixin
    OptimizationOptions optimization;

    @Option(
            names = "--strategies",
            split = ",",
            defaultValue = "federated,centralized,local-only",
            description = "which to run (default: ${DEFAULT-VALUE})")
    List<String> strategies;

    @Option(
            names = "--models-dir",
            paramLabel = "DIR",
            description = "where every model (federated, centralized, each local one) and its provenance are saved"
                    + " (default: a new temporary directory)")
    Path modelsDir;

    @Option(
            names = "--preprocess",
            paramLabel = "standardize|none",
            description = "standardize numeric columns with statistics summed across the centers, or train on them as"
                    + " they are (either way missing cells are imputed and text columns one-hot encoded;"
                    + " default: standardize; under --secure the statistics are summed by secure aggregation)")
    String preprocess;

    @Option(
            names = "--test-csv",
            paramLabel = "FILE",
            description = "score every strategy on this file's rows (same columns as --csv) instead of the centers'"
                    + " held-out splits; it is transformed with the job's preprocessing")
    Path testCsv;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Mixin
    JsonOption format;

    @Override
    public Integer call() throws Exception {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        try {
            List<CenterDataset> centers = loadCenters();
            Scaling scaling = scaling();
            DatasetSchema schema =
                    Preprocessing.inputSchema(centers.get(0).train().schema());
            ModelArchitecture architecture = modelSpec(schema);
            TrainingPlan plan = new TrainingPlan(
                            architecture,
                            localEpochs,
                            learningRate,
                            batchSize,
                            mu,
                            fraction,
                            Math.min(quorum, centers.size()),
                            Duration.ofSeconds(deadlineSeconds),
                            epsilon,
                            seed,
                            aggregation.plan())
                    .withOptimization(optimization.server(architecture.family()), optimization.schedule())
                    .withPreprocess(scaling);
            ExperimentSettings settings = new ExperimentSettings(plan, rounds, parseStrategies());
            Path dir = modelsDir != null ? modelsDir : Files.createTempDirectory("fdc-experiment");
            RoundListener listener = noProgress
                    ? RoundListener.NONE
                    : new ConsoleProgress(new PrintWriter(progressStream(), true), null, Terminals.interactive());
            Optional<TabularRows> test = testRows(centers.get(0).train().schema());
            ExperimentReport report =
                    new ExperimentRunner(dir, new SimpleMeterRegistry(), listener).run(centers, test, settings);
            Path federated = settings.strategies().contains(Strategy.FEDERATED) ? dir.resolve("experiment") : null;
            Output.Fields human = Output.fields(null)
                    .then(report.render().stripTrailing())
                    .then("")
                    .then("models with their provenance and preprocessing (score one with fdc model evaluate): " + dir);
            format.output(spec.commandLine().getOut()).print(ExperimentJson.of(report, federated), human);
            return 0;
        } catch (IllegalArgumentException | TabularCsvException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return BAD_INPUT;
        }
    }

    private Scaling scaling() {
        return switch (preprocess == null ? "" : preprocess.toLowerCase(Locale.ROOT)) {
            case "" -> Scaling.STANDARDIZE;
            case "standardize" -> Scaling.STANDARDIZE;
            case "none" -> Scaling.NONE;
            default ->
                throw new IllegalArgumentException(
                        "--preprocess must be standardize or none, was '" + preprocess + "'");
        };
    }

    /** The rows of {@code --test-csv} under the centers' schema; a refused row refuses the file. */
    private Optional<TabularRows> testRows(UclSchema schema) {
        if (testCsv == null) {
            return Optional.empty();
        }
        if (csv == null) {
            throw new IllegalArgumentException("--test-csv needs --csv: the wearable data has its own test subjects");
        }
        TabularRows.Builder rows = TabularRows.builder(schema);
        TabularCsvReport report;
        try {
            report = new TabularCsvReader(schema, TabularCsvOptions.defaults()).read(testCsv, rows::add);
        } catch (TabularCsvException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (report.refused() > 0 || rows.size() == 0) {
            throw new IllegalArgumentException(testCsv + ": " + report.summary());
        }
        return Optional.of(rows.build());
    }

    private List<CenterDataset> loadCenters() {
        if (csv == null) {
            return WearableExperimentData.build(seed, subjectsPerSchool, testSubjects, days);
        }
        Task task =
                switch (csv.task.toLowerCase(Locale.ROOT)) {
                    case "classification" -> Task.CLASSIFICATION;
                    case "regression" -> Task.REGRESSION;
                    default ->
                        throw new IllegalArgumentException(
                                "--task must be classification or regression, was '" + csv.task + "'");
                };
        Partitioning partitioning = csv.partitionColumn != null
                ? Partitioning.byColumn(csv.partitionColumn, seed, csv.testFraction)
                : Partitioning.random(csv.centers, seed, csv.testFraction);
        return new CsvImporter()
                .importCsv(
                        csv.file,
                        new CsvSchema(csv.features, csv.label, task, csv.classes, csv.imputeMissing()),
                        partitioning,
                        csv.format());
    }

    private ModelArchitecture modelSpec(DatasetSchema schema) {
        int features = schema.featureNames().size();
        int outputs = schema.outputCount();
        ModelFamily family = ModelFamily.fromWireName(model.toLowerCase(Locale.ROOT));
        return switch (family) {
            case MLP -> ModelArchitecture.mlp(features, hidden, outputs);
            case LOGISTIC -> ModelArchitecture.logistic(features, outputs);
            case FM -> ModelArchitecture.fm(features, outputs, factors);
            case LINEAR -> ModelArchitecture.linear(features, outputs);
        };
    }

    private EnumSet<Strategy> parseStrategies() {
        EnumSet<Strategy> chosen = EnumSet.noneOf(Strategy.class);
        for (String name : strategies) {
            String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                chosen.add(Strategy.valueOf(normalized));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown strategy '" + name + "'; choose from federated, centralized, local-only");
            }
        }
        return chosen;
    }

    private static PrintStream progressStream() {
        return System.err;
    }
}
