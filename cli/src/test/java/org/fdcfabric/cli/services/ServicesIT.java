package org.fdcfabric.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every party runs its own process, as deployed: {@code fdc devnet up}, three {@code fdc center serve} and one
 * {@code fdc compute serve} are separate JVMs on loopback, configured by their YAML files; the users act through
 * {@code fdc} with their own identities. A job goes from request to a verified model and a clean audit without
 * anyone starting training by hand, and survives the faults a deployment sees: the compute node killed with
 * SIGKILL mid-job (it resumes from the last recorded round), a center killed mid-round (the quorum goes on and its
 * absence is recorded), another center stopped and restarted between rounds (the job continues with it), and a
 * second center on a store in use (refused). Every outcome is read back from the chain.
 *
 * <p>Timeouts scale with how long this machine took to bring the devnet up, so a loaded machine gets more time.
 */
class ServicesIT {
    private static final String PURPOSE = "activity recognition from wrist acceleration";
    private static final List<String> OWNERS = List.of("alice", "bob", "carol");
    private static final long MINTED = 10_000_000;
    private static final int ROUNDS = 3;
    private static final int LONG_ROUNDS = 24;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Child> children = new ArrayList<>();
    private Path root;
    private Path profile;
    private Path crypto;
    private Duration patience;

    private int fdc(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Fdc.commandLine(new CliContext(
                        Connector.gateway(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of(),
                        Clock.systemUTC(),
                        new SecureRandom()))
                .execute(args);
    }

    /** Runs {@code fdc} and fails with its output unless it exits 0; returns the JSON it printed, if any. */
    private JsonNode ok(String... args) {
        int exit = fdc(args);
        assertThat(exit).as("fdc %s\n%s\n%s", String.join(" ", args), out, err).isZero();
        String text = out.toString().strip();
        return text.startsWith("{") || text.startsWith("[") ? CanonicalJson.tree(text) : null;
    }

    private Child child(String name, String... args) throws IOException {
        Child child = Child.start(name, root, dir.resolve("logs"), Map.of(), args);
        children.add(child);
        return child;
    }

    @Test
    void everyPartyInItsOwnProcess() throws Exception {
        root = Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        Path devnetDir = dir.resolve("devnet");
        try {
            Child devnet = child(
                    "devnet", "devnet", "up", "--port", "0", "--metrics-port", "0", "--dir", devnetDir.toString());
            Duration devnetStart = devnet.awaitOutput("  identities:", Duration.ofMinutes(4));
            // what this machine needs to bring a JVM and the devnet up is the unit every later wait is measured in
            patience = Duration.ofSeconds(Math.max(60, devnetStart.toSeconds() * 6));
            profile = devnetDir.resolve("connection-profile.json");
            crypto = devnetDir.resolve("crypto");
            awaitGateway();
            ok("token", "init", "--as", "provider1-admin", "--profile", profile.toString());
            ok(
                    "token",
                    "mint",
                    "DataUserMSP",
                    Long.toString(MINTED),
                    "--as",
                    "provider1-admin",
                    "--profile",
                    profile.toString());

            List<Path> centerConfigs = new ArrayList<>();
            List<Child> centers = new ArrayList<>();
            Map<String, Long> records = new TreeMap<>();
            for (int i = 1; i <= 3; i++) {
                Path config = publishCenter(i, records);
                centerConfigs.add(config);
                centers.add(startCenter(i, config));
            }
            Path computeConfig = computeConfig();
            Child compute = startCompute(computeConfig);

            // a second center on a store in use is refused, naming the holder
            Child second = child(
                    "center-1-again",
                    "center",
                    "serve",
                    "--config",
                    centerConfigs.get(0).toString());
            assertThat(second.awaitExit(patience)).as(second.output()).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(second.output()).contains("in use by another center (pid");

            // job 1: the compute node is killed with SIGKILL after round 1 and resumes
            String job1 = runJobUntilRound("job-one", records, ROUNDS, 1);
            compute.kill9();
            int recordedAtKill = roundsRecorded(job1);
            compute = startCompute(computeConfig);
            JsonNode done1 =
                    awaitJob(job1, job -> "COMPLETED".equals(job.get("status").asText()));
            assertThat(done1.get("roundsRecorded").asInt()).isEqualTo(ROUNDS);
            assertThat(recordedAtKill).isBetween(1, ROUNDS);
            assertSettled(done1);

            // the payer alone receives the model, verified against the chain
            Path model = dir.resolve("job-one.model");
            String modelsAt = "127.0.0.1:" + modelsPort;
            Path computeCa = tls("compute").resolve("ca.crt");
            JsonNode fetched = ok(
                    "job",
                    "model",
                    job1,
                    "--out",
                    model.toString(),
                    "--from",
                    modelsAt,
                    "--compute-ca",
                    computeCa.toString(),
                    "--as",
                    "dave",
                    "--profile",
                    profile.toString(),
                    "--json");
            assertThat(fetched.get("rounds").asInt()).isEqualTo(ROUNDS);
            assertThat(model).exists();
            assertThat(Path.of(model + ".provenance.json")).exists();
            int refused = fdc(
                    "job",
                    "model",
                    job1,
                    "--out",
                    dir.resolve("stolen.model").toString(),
                    "--from",
                    modelsAt,
                    "--compute-ca",
                    computeCa.toString(),
                    "--as",
                    "frank",
                    "--profile",
                    profile.toString());
            assertThat(refused).as(err.toString()).isEqualTo(ExitCodes.REJECTED);
            assertThat(err.toString()).contains("PERMISSION_DENIED").contains("NOT_PAYER");
            assertThat(dir.resolve("stolen.model")).doesNotExist();

            // job 2: center 3 is killed with SIGKILL mid-job and the quorum goes on without it; center 2 is stopped
            // (SIGTERM) and restarted between rounds, and the job continues with it. Rounds take a second or two
            // here, so job 2 has enough of them to outlast a JVM's restart.
            String job2 = runJobUntilRound("job-two", records, LONG_ROUNDS, 1);
            centers.get(2).kill9();
            int atKill = roundsRecorded(job2);
            // the round in flight at the kill may have had center 3's update already; the next cannot
            JsonNode without = awaitRound(job2, atKill + 2);
            assertThat(datasets(without.get("participants"))).containsExactly("wear-1", "wear-2");
            assertThat(strings(without.get("stragglers"))).containsExactly("wear-3");
            stopGracefully(centers.get(1));
            centers.set(1, startCenter(2, centerConfigs.get(1)));
            int atRestart = roundsRecorded(job2);
            assertThat(atRestart)
                    .as("job 2 must outlast the restart of a center; give it more rounds")
                    .isLessThan(LONG_ROUNDS - 1);
            JsonNode done2 =
                    awaitJob(job2, job -> "COMPLETED".equals(job.get("status").asText()));
            assertThat(done2.get("roundsRecorded").asInt()).isEqualTo(LONG_ROUNDS);
            JsonNode last = round(job2, LONG_ROUNDS);
            assertThat(datasets(last.get("participants")))
                    .as("the restarted center takes part again")
                    .containsExactly("wear-1", "wear-2");
            assertSettled(done2);

            // tokens are conserved and the auditor finds nothing wrong
            long total = 0;
            for (String account :
                    List.of("Provider1MSP", "Provider2MSP", "Provider3MSP", "DataUserMSP", "ComputeMSP")) {
                total += ok("token", "balance", account, "--as", "frank", "--profile", profile.toString(), "--json")
                        .get("balance")
                        .asLong();
            }
            assertThat(total).isEqualTo(MINTED);
            ok("audit", "check", "--as", "frank", "--profile", profile.toString());

            // SIGTERM: the center drains and stops
            stopGracefully(centers.get(0));
        } finally {
            for (int i = children.size() - 1; i >= 0; i--) {
                children.get(i).close();
            }
        }
    }

    private int modelsPort;

    /** SIGTERM: the JVM runs the center's drain and ends with 128 + 15, as a JVM ended by a signal does. */
    private void stopGracefully(Child center) throws InterruptedException {
        assertThat(center.terminate(patience)).as(center.output()).isEqualTo(143);
        assertThat(center.output()).contains("center stopped");
    }

    private void awaitGateway() throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int status = ExitCodes.UNREACHABLE;
        while (status != 0 && System.nanoTime() < deadline) {
            status = fdc("devnet", "status", "--profile", profile.toString(), "--as", "frank");
            if (status != 0) {
                Thread.sleep(500);
            }
        }
        assertThat(status).as(out + "\n" + err).isZero();
    }

    /** The organisation's peer TLS folder the devnet issued ({@code server.crt}, {@code server.key}, {@code ca.crt}). */
    private Path tls(String org) throws IOException {
        try (var peers = Files.list(crypto.resolve(org).resolve("peers"))) {
            return peers.findFirst().orElseThrow().resolve("tls");
        }
    }

    private Path mspCa(String org) {
        return crypto.resolve(org).resolve("msp").resolve("cacerts").resolve("ca-cert.pem");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An institution's set-up, as its operator does it: simulate, govern and publish, then write its config. */
    private Path publishCenter(int i, Map<String, Long> records) throws IOException {
        Path centerDir = dir.resolve("center-" + i);
        Files.createDirectories(centerDir);
        Path password = centerDir.resolve("keystore-password");
        Files.writeString(password, "center-" + i + "-secret\n");
        String dataDir = centerDir.resolve("data").toString();
        ok(
                "dataset",
                "simulate",
                "--data-dir",
                dataDir,
                "--keystore-password-file",
                password.toString(),
                "--stream",
                "wrist",
                "--school",
                "school-" + i,
                "--subjects",
                "4",
                "--days",
                "1",
                "--seed",
                Integer.toString(i));
        int port = freePort();
        String datasetId = "wear-" + i;
        ok(
                "dataset",
                "publish",
                "--data-dir",
                dataDir,
                "--keystore-password-file",
                password.toString(),
                "--dataset",
                datasetId,
                "--stream",
                "wrist",
                "--name",
                "Wearables of school " + i,
                "--address",
                "grpcs://127.0.0.1:" + port,
                "--as",
                OWNERS.get(i - 1),
                "--profile",
                profile.toString());
        records.put(
                datasetId,
                ok("dataset", "show", datasetId, "--as", "dave", "--profile", profile.toString(), "--json")
                        .get("recordCount")
                        .asLong());
        Path tls = tls("provider" + i);
        StringBuilder trusted = new StringBuilder();
        trusted.append("    ComputeMSP: ")
                .append(tls("compute").resolve("ca.crt"))
                .append('\n');
        StringBuilder peers = new StringBuilder();
        for (int j = 1; j <= 3; j++) {
            trusted.append("    Provider")
                    .append(j)
                    .append("MSP: ")
                    .append(tls("provider" + j).resolve("ca.crt"))
                    .append('\n');
            peers.append("    wear-")
                    .append(j)
                    .append(": ")
                    .append(tls("provider" + j).resolve("server.crt"))
                    .append('\n');
        }
        Path config = centerDir.resolve("center.yaml");
        Files.writeString(
                config,
                "gateway:\n  profile: " + profile + "\n  identity: " + OWNERS.get(i - 1) + "\n"
                        + "store:\n  dataDir: data\n  keystorePassword: { file: keystore-password }\n"
                        + "tls:\n  certificate: " + tls.resolve("server.crt") + "\n  key: " + tls.resolve("server.key")
                        + "\n  trustedOrganizations:\n" + trusted
                        + "listen: 127.0.0.1:" + port + "\n"
                        + "advertisedAddress: grpcs://127.0.0.1:" + port + "\n"
                        + "datasets:\n  - id: " + datasetId + "\n    testSubjects: 1\n"
                        + "secureAggregation:\n  peers:\n" + peers
                        + "health:\n  listen: 127.0.0.1:0\n"
                        + "limits:\n  concurrentCalls: 2\n  drainSeconds: 10\n");
        return config;
    }

    private Child startCenter(int i, Path config) throws IOException, InterruptedException {
        Child center = child("center-" + i, "center", "serve", "--config", config.toString());
        center.awaitOutput(" is up", patience);
        return center;
    }

    private Path computeConfig() throws IOException {
        modelsPort = freePort();
        Path tls = tls("compute");
        StringBuilder authorities = new StringBuilder();
        StringBuilder certificates = new StringBuilder();
        for (int j = 1; j <= 3; j++) {
            authorities
                    .append("    Provider")
                    .append(j)
                    .append("MSP: ")
                    .append(tls("provider" + j).resolve("ca.crt"))
                    .append('\n');
            certificates
                    .append("    Provider")
                    .append(j)
                    .append("MSP: ")
                    .append(tls("provider" + j).resolve("server.crt"))
                    .append('\n');
        }
        Path config = dir.resolve("compute.yaml");
        Files.writeString(
                config,
                "gateway:\n  profile: " + profile + "\n  identity: erin\n"
                        + "dataDir: compute-data\n"
                        + "tls:\n  certificate: " + tls.resolve("server.crt") + "\n  key: " + tls.resolve("server.key")
                        + "\n  centerAuthorities:\n" + authorities + "  centerCertificates:\n" + certificates
                        + "jobs:\n  concurrent: 2\n  rescanSeconds: 2\n  maxAttempts: 20\n"
                        + "models:\n  listen: 127.0.0.1:" + modelsPort + "\n  payerAuthorities:\n"
                        + "    DataUserMSP: " + mspCa("datauser") + "\n    AuditorMSP: " + mspCa("auditor") + "\n"
                        + "health:\n  listen: 127.0.0.1:0\n");
        return config;
    }

    private Child startCompute(Path config) throws IOException, InterruptedException {
        Child compute = child("compute", "compute", "serve", "--config", config.toString());
        compute.awaitOutput(" is up", patience);
        return compute;
    }

    /**
     * The data user requests, each owner grants and accepts, the data user funds the job; nobody starts it: the
     * compute node does once every dataset has accepted. Returns once {@code round} is recorded.
     */
    private String runJobUntilRound(String jobId, Map<String, Long> records, int rounds, int round) throws Exception {
        String requestId = "req-" + jobId;
        List<String> args = new ArrayList<>(List.of("request", "submit", "--id", requestId));
        records.keySet().forEach(id -> args.addAll(List.of("--dataset", id)));
        args.addAll(List.of(
                "--purpose",
                PURPOSE,
                "--computation",
                "federated-mlp",
                "--max-rounds",
                Integer.toString(rounds + 1),
                "--expires",
                "7d",
                "--as",
                "dave",
                "--profile",
                profile.toString()));
        ok(args.toArray(String[]::new));
        Map<String, String> passes = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            JsonNode pass = ok(
                    "pass",
                    "grant",
                    requestId,
                    "wear-" + i,
                    "--expires",
                    "7d",
                    "--rounds",
                    Integer.toString(rounds + 1),
                    "--as",
                    OWNERS.get(i - 1),
                    "--profile",
                    profile.toString(),
                    "--json");
            passes.put("wear-" + i, pass.get("value").get("passId").asText());
        }
        long samples = records.values().stream().mapToLong(Long::longValue).sum();
        long deadlineMillis = Math.max(60_000, patience.toMillis());
        List<String> create = new ArrayList<>(List.of("job", "create", "--id", jobId));
        records.keySet().forEach(id -> create.addAll(List.of("--dataset", id)));
        create.addAll(List.of(
                "--purpose",
                PURPOSE,
                "--tokens-per-sample",
                "1",
                "--provider-cap",
                Long.toString(samples * rounds),
                "--compute-fee",
                "100",
                "--compute-msp",
                "ComputeMSP",
                "--model",
                "mlp",
                "--param",
                "hidden=8",
                "--param",
                "localEpochs=1",
                "--param",
                "learningRate=0.05",
                "--param",
                "batchSize=32",
                "--param",
                "minQuorum=2",
                "--param",
                "roundDeadlineMillis=" + deadlineMillis,
                "--param",
                "seed=11",
                "--rounds",
                Integer.toString(rounds),
                "--deadline",
                "1d",
                "--as",
                "dave",
                "--profile",
                profile.toString()));
        ok(create.toArray(String[]::new));
        for (int i = 1; i <= 3; i++) {
            String datasetId = "wear-" + i;
            ok(
                    "job",
                    "accept",
                    jobId,
                    datasetId,
                    "--pass",
                    passes.get(datasetId),
                    "--samples",
                    Long.toString(records.get(datasetId)),
                    "--as",
                    OWNERS.get(i - 1),
                    "--profile",
                    profile.toString());
        }
        awaitRound(jobId, round);
        return jobId;
    }

    private JsonNode job(String jobId) {
        return ok("job", "show", jobId, "--rounds", "--as", "frank", "--profile", profile.toString(), "--json");
    }

    private int roundsRecorded(String jobId) {
        return job(jobId).get("job").get("roundsRecorded").asInt();
    }

    private JsonNode awaitJob(String jobId, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + patience.multipliedBy(4).toNanos();
        JsonNode job = job(jobId).get("job");
        while (!done.test(job)) {
            assertThat(System.nanoTime())
                    .as("job %s did not get there in time: %s%s", jobId, job, logs())
                    .isLessThan(deadline);
            Thread.sleep(500);
            job = job(jobId).get("job");
        }
        return job;
    }

    private JsonNode awaitRound(String jobId, int round) throws InterruptedException {
        awaitJob(jobId, job -> job.get("roundsRecorded").asInt() >= round);
        return round(jobId, round);
    }

    private JsonNode round(String jobId, int round) {
        for (JsonNode r : job(jobId).get("rounds")) {
            if (r.get("round").asInt() == round) {
                return r;
            }
        }
        throw new AssertionError("job " + jobId + " has no round " + round);
    }

    /** The whole escrow is paid out: providers, the compute fee, and the refund of the rest. */
    private static void assertSettled(JsonNode job) {
        JsonNode settlement = job.get("settlement");
        assertThat(settlement.get("outcome").asText()).isEqualTo("COMPLETED");
        long paid = 0;
        for (JsonNode payout : settlement.get("payouts")) {
            paid += payout.get("amount").asLong();
            if ("COMPUTE_FEE".equals(payout.get("kind").asText())) {
                assertThat(payout.get("amount").asLong()).isEqualTo(100);
            }
        }
        assertThat(paid).isEqualTo(job.get("offer").get("providerCap").asLong() + 100);
    }

    private static List<String> datasets(JsonNode participants) {
        List<String> ids = new ArrayList<>();
        participants.forEach(p -> ids.add(p.get("datasetId").asText()));
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        for (Child child : children) {
            if (child.alive()) {
                String output = child.output();
                text.append("\n--- child log tail ---\n").append(output.substring(Math.max(0, output.length() - 3000)));
            }
        }
        return text.toString();
    }
}
