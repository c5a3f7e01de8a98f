package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.Evaluation;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.job.UsageSignatures;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The other roles' commands against a devnet: the owner's inbox ({@code request list --pending}, {@code pass
 * list}), the data user's {@code job watch} while the compute organisation records rounds its centers signed,
 * and the auditor's {@code audit usage}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleCommandsIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunningDevnet devnet;
    private final String suffix = HexFormat.of().formatHex(RANDOM.generateSeed(3));
    private final String datasetId = "roles-" + suffix;
    private final String requestId = "req-roles-" + suffix;
    private final String jobId = "job-roles-" + suffix;

    @BeforeAll
    void start() throws Exception {
        Path root = RunningDevnet.projectRoot();
        devnet = RunningDevnet.start(DevnetConfig.defaults(root), Files.createTempDirectory("fdc-roles-it"));
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    /** Runs {@code fdc} as {@code identity} against the devnet; returns the harness after checking the exit code. */
    private CliHarness fdc(int expectedExit, String identity, String... args) {
        CliHarness fdc = new CliHarness();
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--as", identity, "--profile", devnet.profileFile().toString()));
        int exit = fdc.run(full.toArray(String[]::new));
        assertThat(exit)
                .as("fdc %s\nout: %s\nerr: %s", full, fdc.out(), fdc.err())
                .isEqualTo(expectedExit);
        return fdc;
    }

    private static JsonNode json(CliHarness fdc) {
        return CanonicalJson.tree(fdc.out().strip());
    }

    @Test
    @Order(1)
    void theOwnersInboxListsWhatWaitsForItsDecision() throws Exception {
        FdcConnection alice = devnet.as("alice");
        FdcConnection dave = devnet.as("dave");
        alice.registration().register(draft());
        CollaborationRequest request = new CollaborationRequest(
                requestId,
                dave.identity().mspId(),
                List.of(datasetId),
                "activity recognition",
                "federated-logistic-regression",
                5,
                Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                HexFormat.of().formatHex(RANDOM.generateSeed(32)));
        dave.passes().requestAccess(request, Signatures.sign(dave.identity().privateKey(), request.canonicalBytes()));

        JsonNode inbox = json(fdc(ExitCodes.OK, "alice", "request", "list", "--pending", "--json"));
        assertThat(inbox.get("ownerMsp").asText()).isEqualTo("Provider1MSP");
        List<JsonNode> mine = new ArrayList<>();
        inbox.get("pending").forEach(p -> {
            if (p.get("requestId").asText().equals(requestId)) {
                mine.add(p);
            }
        });
        assertThat(mine).singleElement().satisfies(p -> {
            assertThat(p.get("datasetId").asText()).isEqualTo(datasetId);
            assertThat(p.get("dataUserMsp").asText()).isEqualTo("DataUserMSP");
            assertThat(p.get("maxRounds").asInt()).isEqualTo(5);
        });
        assertThat(fdc(ExitCodes.OK, "bob", "request", "list", "--pending").out())
                .as("another provider's inbox")
                .doesNotContain(requestId);
        assertThat(fdc(ExitCodes.OK, "frank", "request", "list").out()).contains(requestId);

        alice.passes().grant(requestId, datasetId, Instant.now().plus(10, ChronoUnit.DAYS), 5);

        assertThat(fdc(ExitCodes.OK, "alice", "request", "list", "--pending", "--json")
                        .out())
                .doesNotContain(requestId);
        JsonNode passes = json(fdc(ExitCodes.OK, "alice", "pass", "list", datasetId, "--json"));
        assertThat(passes.get(0).get("datasetId").asText()).isEqualTo(datasetId);
        assertThat(passes.get(0).get("passes").get(0).get("passId").asText()).isEqualTo(requestId + ":" + datasetId);
        assertThat(fdc(ExitCodes.OK, "alice", "pass", "list").out()).contains(requestId + ":" + datasetId);
    }

    @Test
    @Order(2)
    void theDataUserWatchesTheRoundsTheCentersSignedUntilTheJobSettles() throws Exception {
        FdcConnection admin = devnet.as("provider1-admin");
        FdcConnection alice = devnet.as("alice");
        FdcConnection dave = devnet.as("dave");
        FdcConnection erin = devnet.as("erin");
        try {
            admin.tokens().initialize("FDC", "Provider1MSP");
        } catch (ChaincodeRejected e) {
            assertThat(e.code()).isEqualTo("TOKEN_ALREADY_INITIALIZED");
        }
        admin.tokens().mint("DataUserMSP", 5_000);
        dave.jobs()
                .create(new JobOffer(
                        jobId,
                        List.of(datasetId),
                        "activity recognition",
                        1,
                        1000,
                        100,
                        "ComputeMSP",
                        new ModelSpec("logistic-regression", Map.of("learningRate", "0.1")),
                        2,
                        Instant.now().plus(1, ChronoUnit.DAYS)));
        alice.jobs().accept(jobId, datasetId, requestId + ":" + datasetId, 400);
        alice.jobs().registerCenterKey();
        erin.jobs().start(jobId);

        CompletableFuture<CliHarness> watch = CompletableFuture.supplyAsync(
                () -> fdc(ExitCodes.OK, "dave", "job", "watch", jobId, "--json", "--timeout", "300"));
        String base = Hashes.sha256Hex("initial model".getBytes());
        for (int round = 1; round <= 2; round++) {
            String aggregate = Hashes.sha256Hex(("model " + round).getBytes());
            UpdateCommitment unsigned =
                    new UpdateCommitment(datasetId, 400, Hashes.sha256Hex(("update " + round).getBytes()), null);
            UpdateCommitment signed = new UpdateCommitment(
                    datasetId,
                    400,
                    unsigned.commitment(),
                    UsageSignatures.sign(
                            alice.identity().privateKey(),
                            alice.identity().certificate(),
                            unsigned.roundUsage(jobId, round, base)));
            erin.jobs()
                    .recordRound(
                            jobId,
                            new RoundSubmission(round, List.of(signed), List.of(), aggregate, Map.of())
                                    .corroborated(base, List.of(signed)));
            base = aggregate;
        }
        erin.jobs().complete(jobId);

        String[] lines = watch.get(5, TimeUnit.MINUTES).out().strip().split("\n");
        assertThat(lines).hasSize(3);
        JsonNode first = CanonicalJson.tree(lines[0]);
        assertThat(first.get("event").asText()).isEqualTo("round");
        assertThat(first.get("round").asLong()).isEqualTo(1);
        assertThat(first.get("roundsBudget").asLong()).isEqualTo(2);
        assertThat(first.get("samples").asLong()).isEqualTo(400);
        assertThat(CanonicalJson.tree(lines[1]).get("round").asLong()).isEqualTo(2);
        JsonNode end = CanonicalJson.tree(lines[2]);
        assertThat(end.get("event").asText()).isEqualTo("end");
        assertThat(end.get("status").asText()).isEqualTo("COMPLETED");

        // a settled job's watch replays its rounds and ends at once
        assertThat(fdc(ExitCodes.OK, "dave", "job", "watch", jobId, "--json")
                        .out()
                        .strip()
                        .split("\n"))
                .hasSize(3);
        assertThat(fdc(ExitCodes.NOT_FOUND, "dave", "job", "watch", "no-such-" + suffix)
                        .err())
                .contains("no job");
    }

    @Test
    @Order(3)
    void theAuditorSeesWhichJobRoundAndDataUserUsedTheDataset() throws Exception {
        JsonNode usage = json(fdc(ExitCodes.OK, "frank", "audit", "usage", datasetId, "--json"));
        assertThat(usage.get("ownerMsp").asText()).isEqualTo("Provider1MSP");
        JsonNode rounds = usage.get("rounds");
        assertThat(rounds).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode r = rounds.get(i);
            assertThat(r.get("jobId").asText()).isEqualTo(jobId);
            assertThat(r.get("round").asLong()).isEqualTo(i + 1);
            assertThat(r.get("dataUserMsp").asText()).isEqualTo("DataUserMSP");
            assertThat(r.get("samples").asLong()).isEqualTo(400);
            assertThat(r.get("corroborated").asBoolean()).isTrue();
            assertThat(r.hasNonNull("recordedAt")).isTrue();
        }
        assertThat(fdc(ExitCodes.OK, "frank", "audit", "usage", datasetId).out())
                .contains("rounds:")
                .contains("signed")
                .doesNotContain("NOT CORROBORATED");
        assertThat(fdc(ExitCodes.NOT_FOUND, "frank", "audit", "usage", "no-such-" + suffix)
                        .err())
                .contains("no dataset");
        assertThat(fdc(ExitCodes.USAGE, "frank", "audit", "usage", "bad id!").err())
                .contains("INVALID_DATASET_ID");
    }

    @Test
    @Order(4)
    void aDownloadedModelIsScoredAndPredictsOnACsvFile() throws Exception {
        DatasetSchema schema = DatasetSchema.fromUcl(draft().schema());
        ModelWeights weights = new ModelInitializer().initial(ModelArchitecture.logistic(2, 4), schema.hash(), 7);
        Path dir = Files.createTempDirectory("fdc-model-it");
        Path model = dir.resolve("final.model");
        Files.write(model, ModelCodec.toProto(weights).toByteArray());
        Path csv = dir.resolve("rows.csv");
        List<float[]> rows = List.of(new float[] {0.5f, -1f}, new float[] {-2f, 0.25f}, new float[] {1.5f, 1.5f});
        List<String> labels = List.of("rest", "run", "walk");
        StringBuilder text = new StringBuilder("activity,f001,f000\n");
        for (int i = 0; i < rows.size(); i++) {
            text.append(labels.get(i))
                    .append(',')
                    .append(rows.get(i)[1])
                    .append(',')
                    .append(rows.get(i)[0])
                    .append('\n');
        }
        Files.writeString(csv, text);

        JsonNode score = json(model(ExitCodes.OK, "evaluate", model, csv, "--json"));
        Evaluation expected = new Evaluator()
                .evaluate(
                        weights,
                        LocalDataset.classification(
                                schema,
                                rows,
                                labels.stream().map(schema.classes()::indexOf).toList()));
        assertThat(score.get("samples").asLong()).isEqualTo(3);
        assertThat(score.get("modelHash").asText()).isEqualTo(Hashes.sha256Hex(Files.readAllBytes(model)));
        assertThat(score.get("metrics").get("accuracy").isNumber()).isTrue();
        assertThat(score.get("metrics").get("accuracy").decimalValue())
                .isEqualByComparingTo(String.format(java.util.Locale.ROOT, "%.6f", expected.metric("accuracy")));
        assertThat(score.get("metrics").get("loss").decimalValue())
                .isEqualByComparingTo(String.format(java.util.Locale.ROOT, "%.6f", expected.metric("loss")));

        JsonNode predicted = json(model(ExitCodes.OK, "predict", model, csv, "--json"));
        List<double[]> outputs = new Evaluator().predict(weights, schema, rows);
        assertThat(predicted.get("predictions")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode p = predicted.get("predictions").get(i);
            double[] o = outputs.get(i);
            int best = 0;
            double sum = 0;
            for (int k = 0; k < o.length; k++) {
                best = o[k] > o[best] ? k : best;
                sum += o[k];
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p.get("row").asLong()).isEqualTo(i + 1);
            assertThat(p.get("prediction").asText()).isEqualTo(schema.classes().get(best));
        }

        Path other = dir.resolve("other.model");
        Files.write(
                other,
                ModelCodec.toProto(new ModelInitializer()
                                .initial(
                                        ModelArchitecture.logistic(2, 4),
                                        Hashes.sha256Hex("another schema".getBytes()),
                                        7))
                        .toByteArray());
        assertThat(model(ExitCodes.INVALID_INPUT, "evaluate", other, csv).err()).contains("SCHEMA_MISMATCH");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "activity,f000,f001\nrest,1.0,abc\n");
        assertThat(model(ExitCodes.INVALID_INPUT, "evaluate", model, bad).err())
                .contains("INVALID_CSV")
                .contains("row 2, column 'f001'");
    }

    /** {@code fdc model <command> --model <model> --csv <csv> --dataset <this test's dataset> [extra]} as dave. */
    private CliHarness model(int expectedExit, String command, Path model, Path csv, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "model", command, "--model", model.toString(), "--csv", csv.toString(), "--dataset", datasetId));
        args.addAll(List.of(extra));
        return fdc(expectedExit, "dave", args.toArray(String[]::new));
    }

    private UclDraft draft() {
        return new UclDraft(
                datasetId,
                "Wrist accelerometer windows",
                "60 s windows of 3-axis acceleration, 4 activity classes",
                new UclSchema(
                        List.of(
                                new FeatureSpec("f000", FeatureType.NUMERIC),
                                new FeatureSpec("f001", FeatureType.NUMERIC)),
                        new LabelSpec("activity", List.of("rest", "walk", "run", "cycle")),
                        Task.CLASSIFICATION),
                500,
                Hashes.sha256Hex(datasetId.getBytes()),
                500,
                "grpcs://provider1.example:7443",
                new Terms(2));
    }
}
