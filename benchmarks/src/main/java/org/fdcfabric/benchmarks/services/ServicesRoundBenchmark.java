package org.fdcfabric.benchmarks.services;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.service.ComputeConfig;
import org.fdcfabric.compute.service.ComputeService;
import org.fdcfabric.datacenter.chain.ChainUclRegistry;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.governance.Pseudonymizer;
import org.fdcfabric.datacenter.governance.ReadingCleaner;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.service.CenterConfig;
import org.fdcfabric.datacenter.service.CenterService;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.datacenter.store.imports.ActivityLogs;
import org.fdcfabric.datacenter.store.imports.SimulatorImport;
import org.fdcfabric.datacenter.store.imports.StoredStreams;
import org.fdcfabric.datacenter.ucl.DatasetPublisher;
import org.fdcfabric.datacenter.ucl.Publication;
import org.fdcfabric.datacenter.ucl.UclGenerator;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * A training round's wall time through the services in separate processes (three {@code CenterService} JVMs and one
 * {@code ComputeService} JVM, each started from its YAML config as {@code fdc center serve} / {@code fdc compute
 * serve} start them) against the same services, from the same config files, in this one JVM (as {@code fdc demo}
 * runs them), for FDC's MLP (180 -> 64 -> 4) and three centers of FDC's simulated schools, on the devnet in this
 * JVM. Both jobs have the same plan and seed and train on the same stores.
 *
 * <p>A round's wall time is the time between consecutive {@code job:RecordRound} transactions (their timestamps are
 * the compute node's clock when it submitted them): Train calls, local training, intake, FedAvg, storing the model,
 * recording, and evaluating the previous model. Each side first runs a warm-up job (its rounds are printed, not
 * compared: the services are long-running processes, and each fresh JVM compiles the same code once), then the
 * measured job; round 1 of the measured job is left out and the medians of the rest are compared. Target: separate
 * processes at most 10% slower. The service JVMs get this JVM's {@code -X} options, so both sides run with the same
 * flags. It also prints the CPU time every process used during the measured job (on a shared machine wall time
 * counts other builds too; CPU time does not) and, from every service's {@code /metrics}, where a round's time goes.
 *
 * <p>Run: {@code scripts/bench.sh services [rounds] [warm-up rounds]} (default 8 and 6; needs the chaincode jars,
 * which the script builds). {@code FDC_SERVICE_JAVA_OPTS} adds options to the service JVMs only, e.g. a flight
 * recording per service: {@code -XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile}.
 */
public final class ServicesRoundBenchmark {
    private static final String PURPOSE = "activity recognition from wrist acceleration";
    private static final List<String> OWNERS = List.of("alice", "bob", "carol");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(30);
    /** Extra JVM options for the service JVMs (profiling); {@code {name}} becomes the service's name. */
    private static final String SERVICE_JAVA_OPTS = "FDC_SERVICE_JAVA_OPTS";

    private final Path work;
    private final Path profile;
    private final Path crypto;
    private final FdcConnection dave;
    private final List<FdcConnection> owners;
    private final SecureRandom random = new SecureRandom();
    /** Each service's metrics port, from its config: the same endpoints serve both sides. */
    private final List<Integer> metricsPorts = new ArrayList<>();
    /** The service JVMs this benchmark started, by process id: their CPU is reported one by one. */
    private final Map<Long, String> serviceProcesses = new TreeMap<>();

    private ServicesRoundBenchmark(
            Path work, Path profile, Path crypto, FdcConnection dave, List<FdcConnection> owners) {
        this.work = work;
        this.profile = profile;
        this.crypto = crypto;
        this.dave = dave;
        this.owners = owners;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        if (rounds < 3) {
            throw new IllegalArgumentException("at least 3 rounds: round 1 is left out, and a median needs two more");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up rounds cannot be negative");
        }
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("fdc-bench-services");
        System.out.printf(
                Locale.ROOT,
                "services vs in-process: FDC's MLP, 3 centers, %d rounds each after a warm-up job of %d rounds;"
                        + " %d cores; work dir %s%n",
                rounds,
                warmup,
                Runtime.getRuntime().availableProcessors(),
                work);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        try (Devnet devnet = Devnet.start(DevnetConfig.defaults(root), work.resolve("devnet"), 0)) {
            List<FdcConnection> connections = new ArrayList<>();
            try {
                FdcConnection admin = connect(devnet, "provider1-admin", connections);
                admin.tokens().initialize("FDC", "Provider1MSP");
                admin.tokens().mint("DataUserMSP", 1_000_000_000L);
                List<FdcConnection> owners = new ArrayList<>();
                for (String owner : OWNERS) {
                    owners.add(connect(devnet, owner, connections));
                }
                ServicesRoundBenchmark bench = new ServicesRoundBenchmark(
                        work,
                        devnet.profileFile(),
                        work.resolve("devnet").resolve("crypto"),
                        connect(devnet, "dave", connections),
                        owners);
                bench.run(rounds, warmup, connect(devnet, "erin", connections));
            } finally {
                for (FdcConnection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    private static FdcConnection connect(Devnet devnet, String identity, List<FdcConnection> opened) throws Exception {
        FdcConnection connection = FdcConnection.builder()
                .profile(devnet.profileFile())
                .identity(identity)
                .connect();
        opened.add(connection);
        return connection;
    }

    /** What one side measured: the warm-up job's and the measured job's round times, and the CPU it used. */
    private record Side(
            List<Long> warmup,
            List<Long> measured,
            Map<String, Duration> cpu,
            Map<String, Duration> threads,
            double loadBefore,
            double loadAfter,
            Breakdown breakdown) {}

    private void run(int rounds, int warmup, FdcConnection erin) throws Exception {
        Map<String, Long> samples = new TreeMap<>();
        List<Path> centerConfigs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            centerConfigs.add(publishCenter(i, samples));
        }
        Path computeConfig = computeConfig();
        Map<String, String> environment = Map.of();

        // the same services from the same files, in this JVM
        List<CenterService> centers = new ArrayList<>();
        List<FdcConnection> centerConnections = new ArrayList<>();
        Side inProcess;
        try {
            for (int i = 0; i < 3; i++) {
                CenterConfig config = CenterConfig.read(centerConfigs.get(i), environment);
                FdcConnection owner = FdcConnection.builder()
                        .profile(config.profile())
                        .identity(config.identity())
                        .connect();
                centerConnections.add(owner);
                centers.add(CenterService.start(
                        config,
                        owner,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        Clock.systemUTC(),
                        random));
            }
            try (ComputeService compute = ComputeService.start(
                    ComputeConfig.read(computeConfig),
                    erin,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    RoundListener.NONE)) {
                inProcess = side("in-process", rounds, warmup, samples);
            }
        } finally {
            centers.forEach(CenterService::close);
            centerConnections.forEach(FdcConnection::close);
        }

        // the same files, each service in its own JVM
        List<Process> processes = new ArrayList<>();
        Side separate;
        try {
            for (int i = 0; i < 3; i++) {
                processes.add(spawn("center-" + (i + 1), "center", centerConfigs.get(i)));
            }
            processes.add(spawn("compute", "compute", computeConfig));
            separate = side("services", rounds, warmup, samples);
        } finally {
            for (Process process : processes) {
                process.destroy();
            }
            for (Process process : processes) {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        if (warmup > 1) {
            System.out.printf(
                    Locale.ROOT, "%nwarm-up jobs, round wall time (rounds 2..%d, ms; not compared):%n", warmup);
            System.out.printf(Locale.ROOT, "  in one JVM          %s%n", inProcess.warmup());
            System.out.printf(Locale.ROOT, "  separate processes  %s%n", separate.warmup());
        }
        double a = median(inProcess.measured());
        double b = median(separate.measured());
        System.out.printf(Locale.ROOT, "%nround wall time (rounds 2..%d, ms):%n", rounds);
        System.out.printf(
                Locale.ROOT,
                "  in one JVM          %s  median %.0f ms  (load average %.1f -> %.1f)%n",
                inProcess.measured(),
                a,
                inProcess.loadBefore(),
                inProcess.loadAfter());
        System.out.printf(
                Locale.ROOT,
                "  separate processes  %s  median %.0f ms  (load average %.1f -> %.1f)%n",
                separate.measured(),
                b,
                separate.loadBefore(),
                separate.loadAfter());
        Duration cpuA = total(inProcess.cpu());
        Duration cpuB = total(separate.cpu());
        System.out.printf(
                Locale.ROOT,
                "CPU of every process (this JVM with the devnet, its chaincode servers, the services) during the"
                        + " measured job: in one JVM %.1f s, separate processes %.1f s (%.3fx)%n",
                cpuA.toMillis() / 1e3,
                cpuB.toMillis() / 1e3,
                cpuB.toNanos() / (double) cpuA.toNanos());
        System.out.printf(Locale.ROOT, "  by process (s):  in one JVM %s%n", seconds(inProcess.cpu()));
        System.out.printf(Locale.ROOT, "                   separate   %s%n", seconds(separate.cpu()));
        System.out.printf(Locale.ROOT, "  by thread (s):   in one JVM %s%n", seconds(inProcess.threads()));
        System.out.printf(Locale.ROOT, "                   separate   %s%n", seconds(separate.threads()));
        System.out.printf(
                Locale.ROOT, "where a measured round's time goes (means over the measured job, ms; from /metrics):%n");
        System.out.printf(Locale.ROOT, "  %-60s %12s %12s%n", "", "in one JVM", "separate");
        for (Breakdown.Line line : Breakdown.LINES) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-60s %12.1f %12.1f%n",
                    line.label(),
                    inProcess.breakdown().meanMillis(line),
                    separate.breakdown().meanMillis(line));
        }
        System.out.printf(
                Locale.ROOT,
                "ratio separate / in-process: %.3f (target <= 1.10: %s)%n",
                b / a,
                b / a <= 1.10 ? "met" : "NOT met");
        System.out.printf("rerun: scripts/bench.sh services %d %d%n", rounds, warmup);
    }

    /**
     * One side: a warm-up job (if any), whose rounds are printed but not compared, then the measured job, with the
     * CPU time every process of this benchmark used while it ran.
     */
    private Side side(String name, int rounds, int warmup, Map<String, Long> samples) throws Exception {
        List<Long> warm = warmup > 0 ? roundTimes(runJob("warmup-" + name, warmup, samples)) : List.of();
        double loadBefore = loadAverage();
        String before = scrapeAll();
        Map<String, Duration> cpuBefore = cpuByProcess();
        Map<String, Duration> threadsBefore = threadCpuOfEveryJvm();
        List<Long> measured = roundTimes(runJob("bench-" + name, rounds, samples));
        Map<String, Duration> cpu = minus(cpuByProcess(), cpuBefore);
        Map<String, Duration> threads = minus(threadCpuOfEveryJvm(), threadsBefore);
        return new Side(
                warm, measured, cpu, threads, loadBefore, loadAverage(), Breakdown.between(before, scrapeAll()));
    }

    /** Every service's {@code /metrics} text, one after the other (timer sums and counts add up across them). */
    private String scrapeAll() throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        StringBuilder text = new StringBuilder();
        for (int port : metricsPorts) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("metrics on port " + port + " answered " + response.statusCode());
            }
            text.append(response.body()).append('\n');
        }
        return text.toString();
    }

    /**
     * The CPU time of this JVM, of the chaincode servers it started (together) and of each service JVM: where the
     * separate side's extra CPU goes.
     */
    private Map<String, Duration> cpuByProcess() {
        Map<String, Duration> cpu = new TreeMap<>();
        cpu.put(
                "bench JVM",
                Duration.ofNanos(
                        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()));
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            String name = serviceProcesses.getOrDefault(child.pid(), "chaincode servers");
            Duration used = child.info().totalCpuDuration().orElse(Duration.ZERO);
            cpu.merge(name, used, Duration::plus);
        }
        return cpu;
    }

    /** The CPU of every JVM's threads (this one, the chaincode servers', the services') by {@link ThreadCpu} kind. */
    private static Map<String, Duration> threadCpuOfEveryJvm() {
        Map<String, Duration> kinds =
                new TreeMap<>(ThreadCpu.of(ProcessHandle.current().pid()));
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            ThreadCpu.of(child.pid()).forEach((kind, used) -> kinds.merge(kind, used, Duration::plus));
        }
        return kinds;
    }

    private static Map<String, Duration> minus(Map<String, Duration> after, Map<String, Duration> before) {
        Map<String, Duration> used = new TreeMap<>();
        after.forEach((key, value) -> used.put(key, value.minus(before.getOrDefault(key, Duration.ZERO))));
        return used;
    }

    private static Duration total(Map<String, Duration> cpu) {
        return cpu.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    private static String seconds(Map<String, Duration> cpu) {
        return cpu.entrySet().stream()
                .map(e -> String.format(
                        Locale.ROOT, "%s %.2f", e.getKey(), e.getValue().toMillis() / 1e3))
                .collect(Collectors.joining(", "));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** An institution's store with one simulated school, governed and published, and its center config. */
    private Path publishCenter(int i, Map<String, Long> samples) throws IOException {
        Path dir = work.resolve("center-" + i);
        Files.createDirectories(dir);
        Path password = dir.resolve("keystore-password");
        Files.writeString(password, HexFormat.of().formatHex(random.generateSeed(16)));
        StoreConfig storeConfig = StoreConfig.embedded(dir.resolve("data"));
        int port = freePort();
        String datasetId = "school-" + i + "-wearables";
        SchoolProfile school = WearableSimulator.fdcSchools(6, 1).get(i - 1);
        try (CenterStore store = CenterStore.open(
                storeConfig, Files.readString(password, StandardCharsets.UTF_8).toCharArray())) {
            new SimulatorImport(store.readings(), new ActivityLogs(store.readings()))
                    .importSchool("wrist", new WearableSimulator(100 + i).simulate(school));
            GovernedDataset governed = new GovernancePipeline(
                            new ReadingCleaner(), new Pseudonymizer(store.keys().pseudonymKey()), Windower.fdc())
                    .govern(datasetId, new StoredStreams(store.readings()).governanceInputs(List.of("wrist")));
            Ucl ucl = new DatasetPublisher(
                            store.datasets(),
                            new ChainUclRegistry(owners.get(i - 1).registration()),
                            new UclGenerator())
                    .publish(
                            governed,
                            new Publication(
                                    "Wearables of " + school.schoolId(),
                                    "wrist acceleration",
                                    "grpcs://127.0.0.1:" + port,
                                    new Terms(1)));
            samples.put(ucl.id(), ucl.recordCount());
        }
        Path tls = tls("provider" + i);
        StringBuilder trusted =
                new StringBuilder("    ComputeMSP: " + tls("compute").resolve("ca.crt") + "\n");
        Path config = dir.resolve("center.yaml");
        Files.writeString(
                config,
                "gateway:\n  profile: " + profile + "\n  identity: " + OWNERS.get(i - 1) + "\n"
                        + "store:\n  dataDir: data\n  keystorePassword: { file: keystore-password }\n"
                        + "tls:\n  certificate: " + tls.resolve("server.crt") + "\n  key: " + tls.resolve("server.key")
                        + "\n  trustedOrganizations:\n" + trusted
                        + "listen: 127.0.0.1:" + port + "\n"
                        + "advertisedAddress: grpcs://127.0.0.1:" + port + "\n"
                        + "datasets:\n  - id: " + datasetId + "\n    testSubjects: 1\n"
                        + "health:\n  listen: 127.0.0.1:" + metricsPort(freePort()) + "\n");
        return config;
    }

    private Path computeConfig() throws IOException {
        Path tls = tls("compute");
        StringBuilder authorities = new StringBuilder();
        StringBuilder certificates = new StringBuilder();
        for (int j = 1; j <= 3; j++) {
            Path center = tls("provider" + j);
            authorities.append("    Provider" + j + "MSP: " + center.resolve("ca.crt") + "\n");
            certificates.append("    Provider" + j + "MSP: " + center.resolve("server.crt") + "\n");
        }
        Path config = work.resolve("compute.yaml");
        Files.writeString(
                config,
                "gateway:\n  profile: " + profile + "\n  identity: erin\n"
                        + "dataDir: compute-data\n"
                        + "tls:\n  certificate: " + tls.resolve("server.crt") + "\n  key: " + tls.resolve("server.key")
                        + "\n  centerAuthorities:\n" + authorities + "  centerCertificates:\n" + certificates
                        + "jobs:\n  concurrent: 1\n  rescanSeconds: 5\n  maxAttempts: 1\n"
                        + "health:\n  listen: 127.0.0.1:" + metricsPort(freePort()) + "\n");
        return config;
    }

    private Path tls(String org) throws IOException {
        try (var peers = Files.list(crypto.resolve(org).resolve("peers"))) {
            return peers.findFirst().orElseThrow().resolve("tls");
        }
    }

    private int metricsPort(int port) {
        metricsPorts.add(port);
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Request, grants, offer and acceptances; the compute node starts and runs the job; returns its rounds. */
    private List<RoundRecord> runJob(String jobId, int rounds, Map<String, Long> samples) throws Exception {
        List<String> datasets = new ArrayList<>(samples.keySet());
        String requestId = "req-" + jobId;
        CollaborationRequest request = new CollaborationRequest(
                requestId,
                "DataUserMSP",
                datasets,
                PURPOSE,
                "federated-mlp",
                rounds + 1,
                Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                HexFormat.of().formatHex(random.generateSeed(16)));
        dave.passes().requestAccess(request, Signatures.sign(dave.identity().privateKey(), request.canonicalBytes()));
        Map<String, String> passes = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            passes.put(
                    datasets.get(i),
                    owners.get(i)
                            .passes()
                            .grant(requestId, datasets.get(i), Instant.now().plus(7, ChronoUnit.DAYS), rounds + 1)
                            .value()
                            .passId());
        }
        long total = samples.values().stream().mapToLong(Long::longValue).sum();
        Map<String, String> plan = new TreeMap<>(Map.of(
                "hidden", "64",
                "localEpochs", "1",
                "learningRate", "0.05",
                "batchSize", "32",
                "minQuorum", "3",
                "roundDeadlineMillis", "600000",
                "seed", "2019"));
        dave.jobs()
                .create(new JobOffer(
                        jobId,
                        datasets,
                        PURPOSE,
                        1,
                        total * rounds,
                        100,
                        "ComputeMSP",
                        new ModelSpec("mlp", plan),
                        rounds,
                        Instant.now().plus(1, ChronoUnit.DAYS)));
        for (int i = 0; i < 3; i++) {
            owners.get(i)
                    .jobs()
                    .accept(jobId, datasets.get(i), passes.get(datasets.get(i)), samples.get(datasets.get(i)));
        }
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        TrainingJob job = dave.jobs().job(jobId).orElseThrow();
        int reported = 0;
        while (job.status() != JobStatus.COMPLETED) {
            if (System.nanoTime() > deadline || job.status() == JobStatus.CANCELLED) {
                throw new IllegalStateException("job " + jobId + " is " + job.status() + " after " + JOB_TIMEOUT);
            }
            if (job.roundsRecorded() > reported) {
                reported = (int) job.roundsRecorded();
                System.out.printf("  %s: round %d of %d recorded%n", jobId, reported, rounds);
            }
            Thread.sleep(250);
            job = dave.jobs().job(jobId).orElseThrow();
        }
        return dave.jobs().rounds(jobId, 100, "").rounds();
    }

    /** Milliseconds between consecutive round records, from round 2 on. */
    private static List<Long> roundTimes(List<RoundRecord> rounds) {
        List<Long> times = new ArrayList<>();
        for (int i = 1; i < rounds.size(); i++) {
            times.add(Duration.between(
                            rounds.get(i - 1).recordedAt(), rounds.get(i).recordedAt())
                    .toMillis());
        }
        return times;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** A service in its own JVM with this program's classpath; returns once it serves. */
    private Process spawn(String name, String kind, Path config) throws Exception {
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(sameJvmOptions());
        // e.g. FDC_SERVICE_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile'
        String options = System.getenv().getOrDefault(SERVICE_JAVA_OPTS, "").strip();
        if (!options.isEmpty()) {
            for (String option : options.split("\\s+")) {
                command.add(option.replace("{name}", name));
            }
        }
        command.addAll(List.of("-cp", classpath(), ServiceProcess.class.getName(), kind, config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        serviceProcesses.put(process.pid(), name);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.readString(log).contains(ServiceProcess.READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return process;
    }

    /**
     * The heap, GC and compiler options this JVM runs with (none unless MAVEN_OPTS sets some), so the services run
     * with the same options on both sides; a flight recording is not copied (each would write the same file).
     */
    private static List<String> sameJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X"))
                .filter(option -> !option.contains("FlightRecord"))
                .toList();
    }

    /** exec:java runs this class in a URLClassLoader of the project's classpath; a plain java run has it in java.class.path. */
    private static String classpath() {
        if (ServicesRoundBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!entries.isEmpty()) {
                return entries.stream().collect(Collectors.joining(java.io.File.pathSeparator));
            }
        }
        return System.getProperty("java.class.path");
    }
}
