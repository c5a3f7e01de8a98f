package org.fdcfabric.cli.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import org.fdcfabric.cli.devnet.BuiltInNetwork;
import org.fdcfabric.cli.network.FdcRun;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.service.ComputeConfig;
import org.fdcfabric.compute.service.ComputeService;
import org.fdcfabric.datacenter.service.CenterConfig;
import org.fdcfabric.datacenter.service.CenterService;
import org.fdcfabric.datacenter.service.StartRefused;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tabular path, data center to model, as the operators and the data user run it on an in-process devnet: two
 * institutions import a CSV with a categorical column and missing values ({@code fdc dataset import-table}) and
 * publish it ({@code fdc dataset publish}); each center starts from its YAML config listing the table under
 * {@code tables} (the service {@code fdc center serve} runs); a job with {@code preprocess=standardize} trains
 * through the compute node's service; the data user downloads the model ({@code fdc job model}) and scores it on a
 * raw test CSV ({@code fdc model evaluate}) with the preprocessing its provenance carries; the auditor finds the
 * chain CLEAN. Start-up refusals name the config key: a table the store does not hold, and a table re-imported
 * after its UCL was published.
 */
class TablePathIT {
    private static final String SCHEMA = """
            {
              "features" : [
                { "name" : "age", "type" : "NUMERIC", "missing" : "MEAN" },
                { "name" : "ward", "type" : "CATEGORICAL", "categories" : [ "north", "south", "west" ],
                  "missing" : "MOST_FREQUENT" },
                { "name" : "dose_mg", "type" : "NUMERIC" }
              ],
              "label" : { "name" : "outcome", "classes" : [ "admitted", "home" ] },
              "task" : "CLASSIFICATION"
            }
            """;
    private static final List<String> OWNERS = List.of("alice", "bob");
    private static final String PURPOSE = "readmission risk from ward stays";
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    private Path profile;
    private Path crypto;

    private JsonNode ok(String... args) {
        FdcRun run = FdcRun.of(List.of(args));
        assertThat(run.exit())
                .as("fdc %s\n%s\n%s", String.join(" ", args), run.out(), run.err())
                .isZero();
        String text = run.out().strip();
        return text.startsWith("{") ? CanonicalJson.tree(text) : null;
    }

    /**
     * Stays whose outcome follows age, ward and dose (admitted when the score is high), with an age missing in
     * every seventh row and a ward in every eleventh; written as {@code NA} and the empty cell.
     */
    private Path stays(String name, long seed, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        String[] wards = {"north", "south", "west"};
        List<String> lines = new ArrayList<>(List.of("stay_id,age,ward,dose_mg,outcome"));
        for (int i = 0; i < rows; i++) {
            double age = 55 + 15 * random.nextGaussian();
            int ward = random.nextInt(3);
            double dose = 2 + random.nextGaussian();
            double score = (age - 55) / 15 + (ward == 2 ? 1.2 : ward == 0 ? -0.6 : 0) + 0.8 * (dose - 2);
            lines.add(String.format(
                    Locale.ROOT,
                    "%s-%d,%s,%s,%.2f,%s",
                    name,
                    i,
                    i % 7 == 3 ? "NA" : String.format(Locale.ROOT, "%.1f", age),
                    i % 11 == 5 ? "" : wards[ward],
                    dose,
                    score > 0 ? "admitted" : "home"));
        }
        return Files.write(dir.resolve(name + ".csv"), lines);
    }

    private Path tls(String org) throws IOException {
        try (var peers = Files.list(crypto.resolve(org).resolve("peers"))) {
            return peers.findFirst().orElseThrow().resolve("tls");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void importTable(String dataDir, Path password, String datasetId, Path csv, Path schema) {
        ok(
                "dataset",
                "import-table",
                "--data-dir",
                dataDir,
                "--keystore-password-file",
                password.toString(),
                "--dataset",
                datasetId,
                "--csv",
                csv.toString(),
                "--schema",
                schema.toString());
    }

    /** An institution as its operator sets it up; returns the config {@code fdc center serve} would read. */
    private Path institution(int i, String datasetId, Path csv, Path schema) throws IOException {
        Path centerDir = Files.createDirectories(dir.resolve("center-" + i));
        Path password = Files.writeString(centerDir.resolve("keystore-password"), "center-" + i + "-secret\n");
        String dataDir = centerDir.resolve("data").toString();
        importTable(dataDir, password, datasetId, csv, schema);
        int port = freePort();
        ok(
                "dataset",
                "publish",
                "--data-dir",
                dataDir,
                "--keystore-password-file",
                password.toString(),
                "--dataset",
                datasetId,
                "--name",
                "Ward stays " + i,
                "--address",
                "grpcs://127.0.0.1:" + port,
                "--as",
                OWNERS.get(i - 1),
                "--profile",
                profile.toString());
        Path tls = tls("provider" + i);
        Path config = centerDir.resolve("center.yaml");
        Files.writeString(
                config,
                "gateway:\n  profile: " + profile + "\n  identity: " + OWNERS.get(i - 1) + "\n"
                        + "store:\n  dataDir: data\n  keystorePassword: { file: keystore-password }\n"
                        + "tls:\n  certificate: " + tls.resolve("server.crt") + "\n  key: " + tls.resolve("server.key")
                        + "\n  trustedOrganizations:\n    ComputeMSP: "
                        + tls("compute").resolve("ca.crt") + "\n"
                        + "listen: 127.0.0.1:" + port + "\n"
                        + "advertisedAddress: grpcs://127.0.0.1:" + port + "\n"
                        + "tables:\n  - id: " + datasetId + "\n    testPercent: 25\n"
                        + "limits:\n  drainSeconds: 5\n");
        return config;
    }

    private CenterService serve(Path config, FdcConnection owner) throws Exception {
        return CenterService.start(
                CenterConfig.read(config, Map.of()),
                owner,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC(),
                new SecureRandom());
    }

    private Path computeConfig(int modelsPort) throws IOException {
        StringBuilder authorities = new StringBuilder();
        StringBuilder certificates = new StringBuilder();
        for (int j = 1; j <= 2; j++) {
            authorities.append(
                    "    Provider" + j + "MSP: " + tls("provider" + j).resolve("ca.crt") + "\n");
            certificates.append(
                    "    Provider" + j + "MSP: " + tls("provider" + j).resolve("server.crt") + "\n");
        }
        Path tls = tls("compute");
        return Files.writeString(
                dir.resolve("compute.yaml"),
                "gateway:\n  profile: " + profile + "\n  identity: erin\n"
                        + "dataDir: compute-data\n"
                        + "tls:\n  certificate: " + tls.resolve("server.crt") + "\n  key: " + tls.resolve("server.key")
                        + "\n  centerAuthorities:\n" + authorities + "  centerCertificates:\n" + certificates
                        + "jobs:\n  concurrent: 1\n"
                        + "models:\n  listen: 127.0.0.1:" + modelsPort + "\n  payerAuthorities:\n"
                        + "    DataUserMSP: "
                        + crypto.resolve("datauser")
                                .resolve("msp")
                                .resolve("cacerts")
                                .resolve("ca-cert.pem")
                        + "\n");
    }

    @Test
    void importPublishServeTrainDownloadEvaluate() throws Exception {
        Path root =
                Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        List<AutoCloseable> open = new ArrayList<>();
        try (Devnet devnet = Devnet.start(BuiltInNetwork.config(root), dir.resolve("devnet"), 0)) {
            profile = devnet.profileFile();
            crypto = dir.resolve("devnet").resolve("crypto");
            Path schema = Files.writeString(dir.resolve("stays-schema.json"), SCHEMA);
            ok("token", "init", "--as", "provider1-admin", "--profile", profile.toString());
            ok("token", "mint", "DataUserMSP", "1000000", "--as", "provider1-admin", "--profile", profile.toString());

            List<String> datasets = List.of("stays-a", "stays-b");
            List<Path> configs = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                configs.add(institution(i, datasets.get(i - 1), stays("ward-" + i, i, 160), schema));
            }
            List<FdcConnection> owners = new ArrayList<>();
            for (String owner : OWNERS) {
                FdcConnection connection =
                        FdcConnection.builder().profile(profile).identity(owner).connect();
                open.add(connection);
                owners.add(connection);
            }

            // refused at start-up, naming the key: a table the store does not hold ...
            Path unknown = Files.writeString(
                    configs.get(0).resolveSibling("unknown.yaml"),
                    Files.readString(configs.get(0)).replace("- id: stays-a", "- id: stays-z"));
            assertThatThrownBy(() -> serve(unknown, owners.get(0)))
                    .isInstanceOf(StartRefused.class)
                    .hasMessageContaining("table stays-z (key 'tables') is not in this center's store");
            // ... and a table imported again after its UCL was published (other rows, another Merkle root)
            Path password = configs.get(1).resolveSibling("keystore-password");
            String dataDir = configs.get(1).resolveSibling("data").toString();
            importTable(dataDir, password, "stays-b", stays("ward-2-changed", 22, 150), schema);
            assertThatThrownBy(() -> serve(configs.get(1), owners.get(1)))
                    .isInstanceOf(StartRefused.class)
                    .hasMessageContaining("dataset stays-b (key 'tables') in the store has Merkle root")
                    .hasMessageContaining("publish the stored version again");
            importTable(dataDir, password, "stays-b", dir.resolve("ward-2.csv"), schema);

            Map<String, Long> rows = new TreeMap<>();
            for (int i = 0; i < 2; i++) {
                CenterService center = serve(configs.get(i), owners.get(i));
                open.add(center);
                assertThat(center.served()).hasSize(1);
                rows.put(datasets.get(i), center.served().get(0).recordCount());
            }
            assertThat(rows).containsEntry("stays-a", 160L).containsEntry("stays-b", 160L);

            String jobId = offerJob(datasets, rows);
            int modelsPort = freePort();
            Path computeConfig = computeConfig(modelsPort);
            try (FdcConnection erin = FdcConnection.builder()
                            .profile(profile)
                            .identity("erin")
                            .connect();
                    ComputeService compute = ComputeService.start(
                            ComputeConfig.read(computeConfig),
                            erin,
                            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                            RoundListener.NONE,
                            job -> job.jobId().equals(jobId))) {
                JobResult result = compute.completion(jobId).get(5, TimeUnit.MINUTES);
                assertThat(result.rounds()).hasSize(ROUNDS);

                Path model = dir.resolve("stays.model");
                JsonNode fetched = ok(
                        "job",
                        "model",
                        jobId,
                        "--out",
                        model.toString(),
                        "--from",
                        "127.0.0.1:" + modelsPort,
                        "--compute-ca",
                        tls("compute").resolve("ca.crt").toString(),
                        "--as",
                        "dave",
                        "--profile",
                        profile.toString(),
                        "--json");
                assertThat(fetched.get("rounds").asInt()).isEqualTo(ROUNDS);
                String provenance = Files.readString(Path.of(model + ".provenance.json"));
                assertThat(provenance).contains("\"scaling\" : \"STANDARDIZE\"").contains("\"ward\"");

                // a raw test file: missing cells and the category as text, transformed by the model's provenance
                Path test = stays("ward-test", 99, 120);
                JsonNode score =
                        ok("model", "evaluate", "--model", model.toString(), "--csv", test.toString(), "--json");
                assertThat(score.get("samples").asLong()).isEqualTo(120);
                double majority = majorityShare(test);
                assertThat(score.get("metrics").get("accuracy").asDouble())
                        .as("federated accuracy against the majority class's share %.3f", majority)
                        .isGreaterThan(majority + 0.1);
            }

            JsonNode audit = ok("audit", "check", "--as", "frank", "--profile", profile.toString(), "--json");
            assertThat(audit.get("verdict").asText()).isEqualTo("CLEAN");
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static double majorityShare(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        long admitted =
                lines.stream().skip(1).filter(l -> l.endsWith(",admitted")).count();
        long total = lines.size() - 1;
        return Math.max(admitted, total - admitted) / (double) total;
    }

    /** The data user requests, each owner grants and accepts, the data user funds the job. */
    private String offerJob(List<String> datasets, Map<String, Long> rows) {
        String jobId = "stays-job";
        String requestId = "req-" + jobId;
        List<String> request = new ArrayList<>(List.of("request", "submit", "--id", requestId));
        datasets.forEach(id -> request.addAll(List.of("--dataset", id)));
        request.addAll(List.of(
                "--purpose",
                PURPOSE,
                "--computation",
                "federated-mlp",
                "--max-rounds",
                Integer.toString(ROUNDS + 1),
                "--expires",
                "7d",
                "--as",
                "dave",
                "--profile",
                profile.toString()));
        ok(request.toArray(String[]::new));
        Map<String, String> passes = new TreeMap<>();
        for (int i = 0; i < datasets.size(); i++) {
            JsonNode pass = ok(
                    "pass",
                    "grant",
                    requestId,
                    datasets.get(i),
                    "--expires",
                    "7d",
                    "--rounds",
                    Integer.toString(ROUNDS + 1),
                    "--as",
                    OWNERS.get(i),
                    "--profile",
                    profile.toString(),
                    "--json");
            passes.put(datasets.get(i), pass.get("value").get("passId").asText());
        }
        long samples = rows.values().stream().mapToLong(Long::longValue).sum();
        List<String> create = new ArrayList<>(List.of("job", "create", "--id", jobId));
        datasets.forEach(id -> create.addAll(List.of("--dataset", id)));
        create.addAll(List.of(
                "--purpose",
                PURPOSE,
                "--tokens-per-sample",
                "1",
                "--provider-cap",
                Long.toString(samples * ROUNDS),
                "--compute-fee",
                "100",
                "--compute-msp",
                "ComputeMSP",
                "--model",
                "mlp",
                "--param",
                "hidden=8",
                "--param",
                "localEpochs=5",
                "--param",
                "learningRate=0.1",
                "--param",
                "batchSize=16",
                "--param",
                "minQuorum=2",
                "--param",
                "roundDeadlineMillis=120000",
                "--param",
                "seed=7",
                "--param",
                "preprocess=standardize",
                "--rounds",
                Integer.toString(ROUNDS),
                "--deadline",
                "1d",
                "--as",
                "dave",
                "--profile",
                profile.toString()));
        ok(create.toArray(String[]::new));
        for (int i = 0; i < datasets.size(); i++) {
            ok(
                    "job",
                    "accept",
                    jobId,
                    datasets.get(i),
                    "--pass",
                    passes.get(datasets.get(i)),
                    "--samples",
                    Long.toString(rows.get(datasets.get(i))),
                    "--as",
                    OWNERS.get(i),
                    "--profile",
                    profile.toString());
        }
        return jobId;
    }
}
