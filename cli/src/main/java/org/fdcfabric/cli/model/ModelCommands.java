package org.fdcfabric.cli.model;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.Output;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularCsvException;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.learning.tabular.TabularCsvReader;
import org.fdcfabric.learning.tabular.TabularCsvReport;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.Evaluation;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.TargetScale;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Ucl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fdc model}: a saved model (the file the coordinator or an experiment saves, {@code final.model}) scored on
 * or predicting for a CSV file. {@code evaluate} and {@code predict} read the raw columns the model's provenance
 * names ({@code FILE.provenance.json} or {@code final.provenance.json} beside the model, or {@code --provenance}) and apply the model's own
 * preprocessing (imputation, standardization, one-hot) through one path ({@link Inputs}), with no network;
 * {@code predict} needs no label column. With {@code --dataset} the columns are those of the
 * dataset's UCL schema on chain and must already be in the representation the model trained on. A model trained
 * for another schema is refused.
 */
@Command(
        name = "model",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc model evaluate --model final.model --csv test.csv",
            "  fdc model predict --model final.model --csv new-rows.csv --json"
        },
        description = "Score or predict with a downloaded model on a CSV file.",
        subcommands = {ModelCommands.Evaluate.class, ModelCommands.Predict.class})
public final class ModelCommands {

    /** The model file, the CSV file and the dataset whose UCL schema names their columns. */
    static final class Inputs {
        @Option(names = "--model", required = true, paramLabel = "<file>", description = "The model (final.model).")
        Path model;

        @Option(names = "--csv", required = true, paramLabel = "<file>", description = "Rows with a header.")
        Path csv;

        @Option(
                names = "--dataset",
                paramLabel = "<dataset-id>",
                description = "A dataset the model learned from: its UCL's schema on chain names the columns, which"
                        + " must be preprocessed already. Without it, the model's provenance names them.")
        String datasetId;

        @Option(
                names = "--provenance",
                paramLabel = "<file>",
                description = "The model's provenance with its preprocessing (default: FILE.provenance.json as"
                        + " 'fdc job model' saves it, else final.provenance.json beside the model).")
        Path provenance;

        @Option(
                names = "--delimiter",
                defaultValue = ",",
                paramLabel = "<char>",
                description = "The CSV field delimiter (',', ';', 'tab', ...; default: ${DEFAULT-VALUE}).")
        String delimiter;

        /**
         * The provenance where it is kept: {@code FILE.provenance.json} for a model {@code fdc job model} downloaded,
         * else {@code final.provenance.json} in the model's directory (the coordinator's and experiments' layout).
         */
        private Path besideTheModel() {
            Path downloaded = model.resolveSibling(model.getFileName() + ".provenance.json");
            return Files.exists(downloaded) ? downloaded : model.resolveSibling("final.provenance.json");
        }

        /** The preprocessing the model's provenance carries. */
        Preprocessing preprocessing() {
            Path file = provenance != null ? provenance : besideTheModel();
            ModelProvenance read;
            try {
                read = ModelProvenance.read(Files.readString(file));
            } catch (IOException e) {
                throw new InvalidInputException(
                        ModelProvenance.INVALID_PROVENANCE,
                        "cannot read the model's provenance " + file + " (" + e.getMessage()
                                + "): name it with --provenance, or name the dataset with --dataset");
            }
            if (read.preprocessing() == null) {
                throw new InvalidInputException(
                        "NO_PREPROCESSING",
                        file + " records no preprocessing (a model from before it was recorded): name the dataset"
                                + " with --dataset and give preprocessed columns");
            }
            return Preprocessing.of(read.preprocessing());
        }

        /** The CSV's labelled raw rows as the model's inputs, through its preprocessing. */
        LocalDataset rows(Preprocessing preprocessing) {
            TabularRows.Builder rows =
                    TabularRows.builder(preprocessing.transform().schema());
            readRaw(new TabularCsvReader(preprocessing.transform().schema(), options()), rows::add);
            try {
                return preprocessing.apply(rows.build());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(CsvRows.INVALID_CSV, csv + ": " + e.getMessage());
            }
        }

        /**
         * The CSV's raw rows (a label column is not needed) as the model's inputs, through its preprocessing: each
         * row as {@link Preprocessing#apply} turns it for evaluation.
         */
        List<float[]> unlabelledInputs(Preprocessing preprocessing) {
            List<float[]> inputs = new ArrayList<>();
            readRaw(
                    TabularCsvReader.unlabelled(preprocessing.transform().schema(), options()),
                    (cells, label) -> inputs.add(preprocessing.inputs(cells)));
            return inputs;
        }

        private TabularCsvOptions options() {
            return TabularCsvOptions.defaults().withDelimiter(TabularCsvOptions.parseDelimiter(delimiter));
        }

        /** Reads the CSV against the provenance's schema; a refused row, or none at all, refuses the file. */
        private void readRaw(TabularCsvReader reader, TabularCsvReader.RowConsumer consumer) {
            long[] accepted = new long[1];
            TabularCsvReport report;
            try {
                report = reader.read(csv, (cells, label) -> {
                    consumer.accept(cells, label);
                    accepted[0]++;
                });
            } catch (TabularCsvException e) {
                throw new InvalidInputException(CsvRows.INVALID_CSV, e.code() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(CsvRows.INVALID_CSV, e.getMessage());
            }
            if (report.refused() > 0 || accepted[0] == 0) {
                throw new InvalidInputException(CsvRows.INVALID_CSV, csv + ": " + report.summary());
            }
        }

        DatasetSchema schema(FdcConnection connection) throws Exception {
            Ucl ucl = connection
                    .registration()
                    .dataset(datasetId)
                    .orElseThrow(() -> new NotFound("no dataset " + datasetId));
            return DatasetSchema.fromUcl(ucl.schema());
        }
    }

    @Command(
            name = "evaluate",
            footerHeading = HelpText.EXAMPLES,
            footer = {
                "  fdc model evaluate --model models/centralized/final.model --csv test.csv",
                "  fdc model evaluate --model final.model --csv test.csv --dataset \\",
                "      wearables-1 --json"
            },
            description = "The model's metrics on the labelled rows of a CSV file.")
    static final class Evaluate extends ClientCommand {
        @picocli.CommandLine.Mixin
        Inputs inputs;

        /** What {@code --json} prints. */
        record Score(
                String model,
                String modelHash,
                String datasetId,
                long samples,
                Map<String, BigDecimal> metrics,
                List<String> classes,
                List<List<Long>> confusion) {}

        @Override
        protected boolean needsNetwork() {
            return inputs.datasetId != null;
        }

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            DatasetSchema schema;
            LocalDataset rows;
            if (inputs.datasetId == null) {
                Preprocessing preprocessing = inputs.preprocessing();
                schema = preprocessing.inputSchema();
                rows = inputs.rows(preprocessing);
            } else {
                schema = inputs.schema(connection);
                rows = CsvRows.read(inputs.csv, schema, true).labelled();
            }
            ModelFile model = ModelFile.read(inputs.model, schema);
            Evaluation evaluation = new Evaluator().evaluate(model.weights(), rows);
            Map<String, BigDecimal> metrics = new TreeMap<>();
            evaluation.metrics().forEach((name, value) -> metrics.put(name, decimal(value)));
            List<List<Long>> confusion = new ArrayList<>();
            for (long[] row : evaluation.confusion()) {
                confusion.add(java.util.Arrays.stream(row).boxed().toList());
            }
            Output.Fields human = Output.fields("model " + inputs.model + " on " + inputs.csv)
                    .add("model hash", model.hash())
                    .add("samples", evaluation.samples());
            metrics.forEach((name, value) -> human.add(name, text(value)));
            out.print(
                    new Score(
                            inputs.model.toString(),
                            model.hash(),
                            inputs.datasetId,
                            evaluation.samples(),
                            metrics,
                            schema.classes(),
                            confusion),
                    human);
        }
    }

    @Command(
            name = "predict",
            footerHeading = HelpText.EXAMPLES,
            footer = {
                "  fdc model predict --model final.model --csv new-rows.csv   # raw columns, no label",
                "  fdc model predict --model final.model --csv rows.csv --dataset \\",
                "      wearables-1 --as dave"
            },
            description = "The model's prediction for each row of a CSV file: the class and its probabilities, or"
                    + " the predicted value; raw columns go through the model's preprocessing.")
    static final class Predict extends ClientCommand {
        @picocli.CommandLine.Mixin
        Inputs inputs;

        /** One row's prediction; {@code row} counts data rows from 1. */
        record Prediction(long row, String prediction, Map<String, BigDecimal> probabilities) {}

        /** What {@code --json} prints. */
        record Predictions(String modelHash, String datasetId, List<Prediction> predictions) {}

        @Override
        protected boolean needsNetwork() {
            return inputs.datasetId != null;
        }

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            DatasetSchema schema;
            List<float[]> rows;
            // a regression model trained on a standardized target answers in its units; the value is mapped back
            TargetScale target = TargetScale.IDENTITY;
            if (inputs.datasetId == null) {
                Preprocessing preprocessing = inputs.preprocessing();
                schema = preprocessing.inputSchema();
                rows = inputs.unlabelledInputs(preprocessing);
                target = preprocessing.targetScale();
            } else {
                schema = inputs.schema(connection);
                rows = CsvRows.read(inputs.csv, schema, false).features();
            }
            ModelFile model = ModelFile.read(inputs.model, schema);
            List<double[]> outputs = new Evaluator().predict(model.weights(), schema, rows);
            boolean classifier = schema.task() == Task.CLASSIFICATION;
            List<Prediction> predictions = new ArrayList<>();
            Output.Fields human = Output.fields(
                    classifier
                            ? "row," + schema.labelName() + "," + String.join(",", schema.classes())
                            : "row," + schema.labelName());
            for (int i = 0; i < outputs.size(); i++) {
                double[] o = outputs.get(i);
                if (!classifier) {
                    String value = text(decimal(target.toTarget(o[0])));
                    predictions.add(new Prediction(i + 1, value, null));
                    human.then((i + 1) + "," + value);
                    continue;
                }
                int best = 0;
                Map<String, BigDecimal> probabilities = new TreeMap<>();
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < o.length; k++) {
                    best = o[k] > o[best] ? k : best;
                    probabilities.put(schema.classes().get(k), decimal(o[k]));
                    line.append(',').append(text(decimal(o[k])));
                }
                predictions.add(new Prediction(i + 1, schema.classes().get(best), probabilities));
                human.then((i + 1) + "," + schema.classes().get(best) + line);
            }
            out.print(new Predictions(model.hash(), inputs.datasetId, predictions), human);
        }
    }

    /**
     * Metrics and probabilities as six-place decimals: canonical JSON has no floating point, but has numbers. An
     * undefined value (NaN, for example a metric over no samples) is null.
     */
    static BigDecimal decimal(double value) {
        return Double.isFinite(value) ? new BigDecimal(String.format(Locale.ROOT, "%.6f", value)) : null;
    }

    /** A decimal for people: "undefined" where JSON has null. */
    static String text(BigDecimal value) {
        return value == null ? "undefined" : value.toPlainString();
    }
}
