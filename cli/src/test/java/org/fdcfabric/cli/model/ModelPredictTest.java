package org.fdcfabric.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.TreeMap;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.learning.tabular.ColumnStatistics;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.learning.tabular.TabularCsvReader;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingConfig;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fdc model predict} on raw columns: a model saved with its preprocessing, trained on a table with a
 * raw-scale column, missing cells and a categorical column, predicts for a raw row exactly what the bare model predicts for the
 * row transformed by hand from the provenance's numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelPredictTest {
    @TempDir
    static Path dir;

    private Path model;
    private JsonNode transform;

    private record Run(int exit, String out, String err) {}

    private static Run fdc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Fdc.commandLine(new CliContext(
                        Connector.gateway(),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        Map.of(),
                        Clock.systemUTC(),
                        new SecureRandom()))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** dose around 500 (missing now and then), ward a category (missing now and then), the class from both. */
    private Path trainCsv() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>(List.of("dose,ward,outcome"));
        String[] wards = {"east", "north", "south"};
        for (int i = 0; i < 300; i++) {
            double dose = 500 + 100 * random.nextGaussian();
            int ward = random.nextInt(3);
            boolean admitted = dose + (ward == 2 ? 120 : 0) > 540;
            lines.add(String.format(
                    Locale.ROOT,
                    "%s,%s,%s",
                    i % 9 == 0 ? "" : String.format(Locale.ROOT, "%.2f", dose),
                    i % 13 == 0 ? "NA" : wards[ward],
                    admitted ? "admitted" : "home"));
        }
        return Files.write(dir.resolve("train.csv"), lines);
    }

    /**
     * Trains a logistic model on the preprocessed rows and saves it as the coordinator does: the Federation
     * {@code Model} bytes and a provenance carrying the transform (the other lineage fields are not read here).
     */
    @BeforeAll
    void train() throws Exception {
        UclSchema schema = new UclSchema(
                List.of(
                        FeatureSpec.numeric("dose", MissingPolicy.MEAN),
                        FeatureSpec.categorical(
                                "ward", List.of("east", "north", "south"), MissingPolicy.MOST_FREQUENT)),
                new LabelSpec("outcome", List.of("admitted", "home")),
                Task.CLASSIFICATION);
        TabularRows.Builder rows = TabularRows.builder(schema);
        assertThat(new TabularCsvReader(schema, TabularCsvOptions.defaults())
                        .read(trainCsv(), rows::add)
                        .refused())
                .isZero();
        TabularRows table = rows.build();
        Preprocessing preprocessing =
                Preprocessing.fit(schema, ColumnStatistics.of(table), InputTransform.Scaling.STANDARDIZE);
        LocalDataset data = preprocessing.apply(table);
        ModelArchitecture spec =
                ModelArchitecture.logistic(data.schema().featureNames().size(), 2);
        ModelWeights initial =
                new ModelInitializer().initial(spec, data.schema().hash(), 3);
        ModelWeights trained = Trainers.forFamily(spec.family())
                .train(initial, data, new TrainingConfig(20, 0.05, 1, 0, 3))
                .weights();
        model = Files.createDirectories(dir.resolve("models")).resolve("final.model");
        Files.write(model, ModelCodec.toProto(trained).toByteArray());
        ModelProvenance provenance = new ModelProvenance(
                "ward-model",
                "test: logistic on the preprocessed rows",
                spec.family().wireName(),
                null,
                null,
                null,
                null,
                trained.schemaHash(),
                20,
                "0.05",
                1,
                "0",
                null,
                null,
                null,
                null,
                3L,
                null,
                null,
                null,
                ModelCodec.hash(trained),
                null,
                preprocessing.hash(),
                preprocessing.transform());
        Files.writeString(model.resolveSibling("final.provenance.json"), CanonicalJson.write(provenance));
        transform = new ObjectMapper()
                .readTree(Files.readString(model.resolveSibling("final.provenance.json")))
                .get("preprocessing");
        assertThat(transform.get("scaling").asText()).isEqualTo("STANDARDIZE");
    }

    /** The row transformed by hand: numbers from the provenance's decimal strings, nothing from Preprocessing. */
    private Map<String, Float> byHand(String dose, String ward) {
        Map<String, Float> inputs = new TreeMap<>();
        JsonNode columns = transform.get("columns");
        JsonNode features = transform.get("schema").get("features");
        for (int c = 0; c < columns.size(); c++) {
            JsonNode column = columns.get(c);
            JsonNode feature = features.get(c);
            if ("CATEGORICAL".equals(feature.get("type").asText())) {
                String value = ward.isEmpty() ? column.get("fill").asText() : ward;
                List<String> categories = new ArrayList<>();
                feature.get("categories").forEach(k -> categories.add(k.asText()));
                for (int k = 0; k < categories.size(); k++) {
                    inputs.put(
                            column.get("name").asText() + ":" + k,
                            categories.get(k).equals(value) ? 1f : 0f);
                }
            } else {
                double raw =
                        Double.parseDouble(dose.isEmpty() ? column.get("fill").asText() : dose);
                double center = Double.parseDouble(column.get("center").asText());
                double scale = Double.parseDouble(column.get("scale").asText());
                inputs.put(column.get("name").asText(), (float) ((raw - center) / scale));
            }
        }
        return inputs;
    }

    @Test
    void aRawRowPredictsAsItsHandTransformedRowThroughTheBareModel() throws Exception {
        // no label column; one row with both cells missing, one with a raw dose and a category
        Path rows = Files.writeString(dir.resolve("new.csv"), "stay,ward,dose\ns9,,\ns10,south,612.5\n");
        Run run = fdc("model", "predict", "--model", model.toString(), "--csv", rows.toString(), "--json");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        JsonNode predictions = new ObjectMapper().readTree(run.out()).get("predictions");
        assertThat(predictions).hasSize(2);

        ModelProvenance provenance =
                ModelProvenance.read(Files.readString(model.resolveSibling("final.provenance.json")));
        assertThat(provenance.preprocessing().schema().features())
                .extracting(FeatureSpec::type)
                .containsExactly(FeatureType.NUMERIC, FeatureType.CATEGORICAL);
        DatasetSchema schema =
                Preprocessing.inputSchema(provenance.preprocessing().schema());
        ModelFile bare = ModelFile.read(model, schema);
        List<float[]> handRows = new ArrayList<>();
        for (Map<String, Float> hand : List.of(byHand("", ""), byHand("612.5", "south"))) {
            assertThat(hand.keySet()).containsExactlyInAnyOrderElementsOf(schema.featureNames());
            float[] row = new float[schema.featureNames().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = hand.get(schema.featureNames().get(i));
            }
            handRows.add(row);
        }
        List<double[]> expected = new Evaluator().predict(bare.weights(), schema, handRows);
        for (int r = 0; r < 2; r++) {
            JsonNode prediction = predictions.get(r);
            assertThat(prediction.get("row").asInt()).isEqualTo(r + 1);
            double[] probabilities = expected.get(r);
            int best = probabilities[0] >= probabilities[1] ? 0 : 1;
            assertThat(prediction.get("prediction").asText())
                    .isEqualTo(schema.classes().get(best));
            for (int k = 0; k < probabilities.length; k++) {
                assertThat(prediction
                                .get("probabilities")
                                .get(schema.classes().get(k))
                                .asDouble())
                        .isCloseTo(probabilities[k], within(5e-7));
            }
        }
        // the two rows differ, so the comparison is not one of constants
        assertThat(expected.get(0)[0]).isNotCloseTo(expected.get(1)[0], within(1e-3));
    }

    @Test
    void predictionsAreTheOnesEvaluateScores() throws Exception {
        Path labelled = Files.writeString(
                dir.resolve("labelled.csv"), "dose,ward,outcome\n,east,home\n650,south,admitted\n420,NA,home\n");
        Run predicted = fdc("model", "predict", "--model", model.toString(), "--csv", labelled.toString(), "--json");
        Run scored = fdc("model", "evaluate", "--model", model.toString(), "--csv", labelled.toString(), "--json");
        assertThat(predicted.exit()).as(predicted.err()).isZero();
        assertThat(scored.exit()).as(scored.err()).isZero();
        List<String> expected = List.of("home", "admitted", "home");
        int right = 0;
        JsonNode predictions = new ObjectMapper().readTree(predicted.out()).get("predictions");
        for (int r = 0; r < 3; r++) {
            right += predictions.get(r).get("prediction").asText().equals(expected.get(r)) ? 1 : 0;
        }
        double accuracy = new ObjectMapper()
                .readTree(scored.out())
                .get("metrics")
                .get("accuracy")
                .asDouble();
        assertThat(accuracy).isCloseTo(right / 3.0, within(1e-6));
    }

    @Test
    void aRowThatDoesNotFitRefusesTheFileNamingItsLine() throws Exception {
        Path rows = Files.writeString(dir.resolve("bad.csv"), "dose,ward\n500,east\n510,west\n");
        Run run = fdc("model", "predict", "--model", model.toString(), "--csv", rows.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("INVALID_CSV").contains("line 3").contains("'west'");
        assertThat(run.out()).isEmpty();
    }
}
