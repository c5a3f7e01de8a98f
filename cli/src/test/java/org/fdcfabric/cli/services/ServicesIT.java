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
import java.time.Instant;
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
 * SIGKILL mid-job (it resumes from the last recorded round and records each round once), a center killed with
 * SIGKILL mid-round (the quorum goes on, its absence is recorded, each provider is paid for the rounds it took part
 * in), the same center restarted on its store between rounds (the job continues with it), a job that cannot reach
 * its quorum (after its attempts the compute node fails it on chain, the payer is refunded in full, and the other
 * job runs on), a second center on a store in use (refused) and SIGTERM (the center drains). Tokens add up to the
 * supply and the auditor finds nothing wrong. Every outcome is read back from the chain.
 *
 * <p>Timeouts scale with how long this machine took to bring the devnet up, so a loaded machine gets more time.
 */
class ServicesIT {
    private static final String PURPOSE = "activity recognition from wrist acceleration";
    private static final List<String> OWNERS = List.of("alice", "bob", "carol");
    private static final long MINTED = 10_000_000;
    private static final int ROUNDS = 3;
    private static final int MIN_LONG_ROUNDS = 16;
    private static final int MAX_LONG_ROUNDS = 400;
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration RESCAN = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Child> children = new ArrayList<>();
    private Path root;
    private Path profile;
    private Path crypto;
    private Duration patience;
    private Duration centerStart = Duration.ZERO;

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

            // job 1: the compute node is killed with SIGKILL mid-job (round 1 recorded, round 2 in flight) and resumes
            String job1 = offerJob("job-one", records, ROUNDS, 2);
            awaitRound(job1, 1);
            compute.kill9();
            int recordedAtKill = roundsRecorded(job1);
            compute = startCompute(computeConfig);
            JsonNode done1 =
                    awaitJob(job1, job -> "COMPLETED".equals(job.get("status").asText()));
            assertThat(done1.get("roundsRecorded").asInt()).isEqualTo(ROUNDS);
            assertThat(recordedAtKill).isBetween(1, ROUNDS);
            // the round the kill interrupted was trained again, and recorded once
            assertThat(roundNumbers(job1)).containsExactly(1, 2, 3);
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

            // job 2: center 3 is killed with SIGKILL mid-round and the quorum goes on without it; job 2 has enough
            // rounds to outlast job 3's attempts and center 3's restart on this machine
            int longRounds = roundsToOutlastARestart(job1);
            String job2 = offerJob("job-two", records, longRounds, 2);
            awaitRound(job2, 1);
            centers.get(2).kill9();
            int atKill = roundsRecorded(job2);
            // the round in flight at the kill may have had center 3's update already; the next cannot
            JsonNode without = awaitRound(job2, atKill + 2);
            assertThat(datasets(without.get("participants"))).containsExactly("wear-1", "wear-2");
            assertThat(strings(without.get("stragglers"))).containsExactly("wear-3");

            // job 3 needs all three centers (quorum 3): every attempt fails while center 3 is down, and after
            // jobs.maxAttempts the compute node gives up on chain; the payer gets the whole escrow back and job 2
            // runs on
            long payerBefore = balance("DataUserMSP");
            String job3 = offerJob("job-three", records, ROUNDS, 3);
            JsonNode failed =
                    awaitJob(job3, job -> "FAILED".equals(job.get("status").asText()));
            long payerAfter = balance("DataUserMSP");
            JsonNode running = job(job2).get("job");
            assertThat(running.get("status").asText()).isEqualTo("RUNNING");
            assertThat(payerAfter).as("job 3 refunded in full").isEqualTo(payerBefore);
            assertThat(failed.get("roundsRecorded").asInt()).isZero();
            JsonNode failure = failed.get("settlement");
            assertThat(failure.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(failure.get("reason").asText())
                    .startsWith(MAX_ATTEMPTS + " attempts failed")
                    .contains("quorum is 3");
            assertThat(failure.get("payouts")).hasSize(1);
            JsonNode refund = failure.get("payouts").get(0);
            assertThat(refund.get("kind").asText()).isEqualTo("REFUND");
            assertThat(refund.get("account").asText()).isEqualTo("DataUserMSP");
            assertThat(refund.get("amount").asLong())
                    .isEqualTo(failed.get("offer").get("providerCap").asLong() + 100);
            int atGiveUp = running.get("roundsRecorded").asInt();
            awaitRound(job2, atGiveUp + 1);

            // center 3 comes back on the store it had when it was killed, and job 2 continues with it
            centers.set(2, startCenter(3, centerConfigs.get(2)));
            int atRestart = roundsRecorded(job2);
            assertThat(atRestart)
                    .as("job 2 must outlast the restart of center 3; give it more rounds")
                    .isLessThan(longRounds - 1);
            JsonNode done2 =
                    awaitJob(job2, job -> "COMPLETED".equals(job.get("status").asText()));
            assertThat(done2.get("roundsRecorded").asInt()).isEqualTo(longRounds);
            JsonNode last = round(job2, longRounds);
            assertThat(datasets(last.get("participants")))
                    .as("the restarted center takes part again")
                    .containsExactly("wear-1", "wear-2", "wear-3");
            assertSettled(done2);
            assertProvidersPaidForTheirRounds(job2, done2);

            // tokens are conserved and the auditor finds nothing wrong
            long total = 0;
            for (String account :
                    List.of("Provider1MSP", "Provider2MSP", "Provider3MSP", "DataUserMSP", "ComputeMSP")) {
                total += balance(account);
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
        Duration took = center.awaitOutput(" is up", patience);
        if (took.compareTo(centerStart) > 0) {
            centerStart = took;
        }
        return center;
    }

    /**
     * Rounds enough for job 2 to outlast what happens while it runs: two rounds without center 3, job 3's attempts
     * (a rescan and a round or two each) and center 3's restart, three times over; in rounds of the length job 1's took
     * here. A loaded machine starts a JVM in many rounds' time, so the budget is measured, not guessed.
     */
    private int roundsToOutlastARestart(String measuredJob) {
        List<Instant> recorded = new ArrayList<>();
        job(measuredJob)
                .get("rounds")
                .forEach(r -> recorded.add(Instant.parse(r.get("recordedAt").asText())));
        Duration round = Duration.ofDays(1);
        for (int i = 1; i < recorded.size(); i++) {
            Duration gap = Duration.between(recorded.get(i - 1), recorded.get(i));
            round = gap.compareTo(round) < 0 ? gap : round; // the gap the compute node's restart did not lengthen
        }
        round = round.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : round;
        Duration attempts = RESCAN.plus(round.multipliedBy(2)).multipliedBy(MAX_ATTEMPTS);
        // a restart late in the test meets a busier machine than the first start did: twice that, and thrice it all
        Duration outlast = round.multipliedBy(2)
                .plus(attempts)
                .plus(centerStart.multipliedBy(2))
                .multipliedBy(3);
        return (int) Math.min(MAX_LONG_ROUNDS, Math.max(MIN_LONG_ROUNDS, outlast.toMillis() / round.toMillis() + 1));
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
                        + "jobs:\n  concurrent: 2\n  rescanSeconds: " + RESCAN.toSeconds() + "\n  maxAttempts: "
                        + MAX_ATTEMPTS + "\n"
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
     * compute node does once every dataset has accepted.
     */
    private String offerJob(String jobId, Map<String, Long> records, int rounds, int minQuorum) {
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
                "minQuorum=" + minQuorum,
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
        return jobId;
    }

    private long balance(String account) {
        return ok("token", "balance", account, "--as", "frank", "--profile", profile.toString(), "--json")
                .get("balance")
                .asLong();
    }

    private List<Integer> roundNumbers(String jobId) {
        List<Integer> numbers = new ArrayList<>();
        job(jobId).get("rounds").forEach(r -> numbers.add(r.get("round").asInt()));
        return numbers;
    }

    /**
     * Each provider is paid for the samples it contributed in the rounds it took part in, as recorded on chain (the
     * offer's cap covers every round at full attendance, so nothing is scaled down): a center absent for some
     * rounds is paid for fewer.
     */
    private void assertProvidersPaidForTheirRounds(String jobId, JsonNode settled) {
        Map<String, Long> earned = new TreeMap<>();
        long tokensPerSample = settled.get("offer").get("tokensPerSample").asLong();
        for (JsonNode r : job(jobId).get("rounds")) {
            for (JsonNode p : r.get("participants")) {
                earned.merge(p.get("datasetId").asText(), p.get("samples").asLong() * tokensPerSample, Long::sum);
            }
        }
        Map<String, Long> paid = new TreeMap<>();
        for (JsonNode payout : settled.get("settlement").get("payouts")) {
            if ("PROVIDER".equals(payout.get("kind").asText())) {
                paid.put(payout.get("datasetId").asText(), payout.get("amount").asLong());
            }
        }
        assertThat(paid).isEqualTo(earned);
        assertThat(earned.get("wear-3")).isLessThan(earned.get("wear-1"));
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
