package org.fdcfabric.benchmarks.devnet;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fdcfabric.client.profile.LoadedProfile;
import org.fdcfabric.client.profile.ProfileReader;
import org.fdcfabric.client.profile.SigningMaterial;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Committed transactions per second and evaluations per second of the devnet, driven through the real Fabric
 * Gateway SDK over TLS, with the real registration chaincode jar endorsed by a majority of the three provider orgs
 * ({@code OutOf(2, ...)}). Each committed transaction is {@code registration:RegisterDataset} of a new dataset (a
 * small write: the UCL, its version, the owner index and an audit entry); each evaluation is
 * {@code registration:GetDataset}.
 *
 * <p>Baseline: the same operations from one client thread, measured in the same run; the ratio shows what
 * concurrency and block batching buy. Run from the repository root after {@code mvn -DskipTests package}:
 *
 * <pre>scripts/bench.sh devnet [--seconds 15] [--threads 256]</pre>
 *
 * <p>With {@code --profile P} (a connection profile of a running network, e.g. the real Fabric network's
 * {@code fabric-work/profiles/trial.json}) the same workload runs through the devnet and through that network, one
 * after the other in the same run, and the devnet is the baseline: each network's rate and the ratio network/devnet.
 * The identity is {@code --as} (default alice, a provider: registering datasets needs the provider role).
 *
 * <pre>scripts/bench.sh devnet --profile fabric-work/profiles/trial.json [--as alice] [--seconds 15] [--threads 64]</pre>
 */
public final class GatewayThroughputBenchmark {
    private static final double TARGET_COMMITS = 1_000;
    private static final double TARGET_EVALUATES = 5_000;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ProcessCpu CPU = new ProcessCpu();

    private final Contract registration;
    /** Prefixes dataset ids, so that runs against a network that keeps its ledger never register an id twice. */
    private final String idPrefix;

    private final AtomicLong nextId = new AtomicLong();

    private GatewayThroughputBenchmark(Contract registration, String idPrefix) {
        this.registration = registration;
        this.idPrefix = idPrefix;
    }

    public static void main(String[] args) throws Exception {
        int seconds = intArg(args, "--seconds", 15);
        String other = stringArg(args, "--profile", null);
        int threads = intArg(args, "--threads", other == null ? 256 : 64);
        String identity = stringArg(args, "--as", "alice");
        Path root = Path.of(stringArg(args, "--root", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("fdc-devnet-bench");
        System.out.printf(
                "devnet benchmark: %d s per phase, %d client threads, %d cores, data in %s%n",
                seconds, threads, CORES, dir);
        System.out.println("load average at start: " + ProcessCpu.loadAverage());
        long startAt = System.nanoTime();
        try (Devnet devnet = Devnet.start(DevnetConfig.defaults(root), dir, 0)) {
            System.out.printf("devnet up in %.1f s%n", (System.nanoTime() - startAt) / 1e9);
            if (other == null) {
                try (Target devnetTarget = Target.connect("devnet", devnet.profileFile(), "alice")) {
                    devnetTarget.bench().run(seconds, threads);
                }
                return;
            }
            Path otherProfile = Path.of(other).toAbsolutePath().normalize();
            List<Result> onDevnet;
            List<Result> onOther;
            try (Target devnetTarget = Target.connect("devnet", devnet.profileFile(), identity)) {
                onDevnet = devnetTarget.bench().workload("devnet", seconds, threads);
            }
            try (Target otherTarget = Target.connect(otherProfile.toString(), otherProfile, identity)) {
                onOther = otherTarget.bench().workload("network", seconds, threads);
            }
            printSideBySide(onDevnet, onOther, otherProfile);
            System.out.println("load average at end: " + ProcessCpu.loadAverage());
            System.out.println("rerun: scripts/bench.sh devnet --profile " + other + " --as " + identity + " --seconds "
                    + seconds + " --threads " + threads);
        }
    }

    /** A non-conflicting write (a new dataset each time) and an evaluate, each warmed up, then measured. */
    private List<Result> workload(String network, int seconds, int threads) throws Exception {
        warmUp(network + " warm-up", seconds, threads, this::submit);
        Result submit = measure(network + ": submit, " + threads + " threads", seconds, threads, this::submit);
        String existing = idPrefix + 1;
        Operation evaluate = () -> registration.evaluateTransaction("GetDataset", existing);
        warmUp(network + " evaluate warm-up", seconds, threads, evaluate);
        Result evaluated = measure(network + ": evaluate, " + threads + " threads", seconds, threads, evaluate);
        return List.of(submit, evaluated);
    }

    private static void printSideBySide(List<Result> devnet, List<Result> other, Path otherProfile) {
        System.out.println();
        System.out.println("the same workload through the devnet and through the network of " + otherProfile);
        System.out.printf(
                "%-22s %12s %12s %10s %12s %12s%n",
                "operation", "devnet/s", "network/s", "ratio", "devnet p50", "network p50");
        String[] names = {"submit (commit)", "evaluate"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf(
                    "%-22s %12.1f %12.1f %9.2fx %10.1f ms %10.1f ms%n",
                    names[i],
                    devnet.get(i).perSecond(),
                    other.get(i).perSecond(),
                    other.get(i).perSecond() / devnet.get(i).perSecond(),
                    devnet.get(i).p50(),
                    other.get(i).p50());
        }
        System.out.println("ratio = network / devnet, wall clock on this machine (both ran here, one after the other;"
                + " the network's nodes' CPU is not this JVM's, so no CPU projection is made for it)");
    }

    /** A Gateway connection to one network's registration chaincode, from a connection profile and an identity. */
    private record Target(String name, ManagedChannel channel, Gateway gateway, GatewayThroughputBenchmark bench)
            implements AutoCloseable {
        static Target connect(String name, Path profileFile, String identity) throws Exception {
            LoadedProfile loaded = new ProfileReader().read(profileFile);
            SigningMaterial user = loaded.signingMaterial(identity);
            ConnectionProfile.GatewayEndpoint endpoint = loaded.profile().gateway();
            var builder = Grpc.newChannelBuilder(
                    endpoint.address(),
                    TlsChannelCredentials.newBuilder()
                            .trustManager(loaded.tlsRootCert().toFile())
                            .build());
            if (endpoint.serverNameOverride() != null
                    && !endpoint.serverNameOverride().isBlank()) {
                builder.overrideAuthority(endpoint.serverNameOverride());
            }
            ManagedChannel channel = builder.build();
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(user.mspId(), user.certificate()))
                    .signer(digest -> Signatures.signDigest(user.privateKey(), digest))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .connect();
            System.out.printf("%s: gateway %s as %s (%s)%n", name, endpoint.address(), identity, user.mspId());
            String prefix = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-";
            return new Target(
                    name,
                    channel,
                    gateway,
                    new GatewayThroughputBenchmark(
                            gateway.getNetwork("registration").getContract("registration", "registration"), prefix));
        }

        @Override
        public void close() throws InterruptedException {
            gateway.close();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void run(int seconds, int threads) throws Exception {
        warmUp("warm-up", seconds, threads, this::submit);
        Result submitBase = measure("submit, 1 thread (baseline)", seconds, 1, this::submit);
        Result submitMany = measure("submit, " + threads + " threads", seconds, threads, this::submit);
        String existing = idPrefix + 1;
        Operation evaluate = () -> registration.evaluateTransaction("GetDataset", existing);
        warmUp("evaluate warm-up", seconds, threads, evaluate);
        Result evalBase = measure("evaluate, 1 thread (baseline)", seconds, 1, evaluate);
        Result evalMany = measure("evaluate, " + threads + " threads", seconds, threads, evaluate);

        System.out.println();
        System.out.printf(
                "%-34s %10s %9s %9s %9s %12s %14s%n",
                "operation", "ops/s", "p50 ms", "p99 ms", "vs base", "CPU-ms/op", "projected/s");
        for (Result r : List.of(submitBase, submitMany, evalBase, evalMany)) {
            Result base = r.name().startsWith("submit") ? submitBase : evalBase;
            System.out.printf(
                    "%-34s %10.1f %9.1f %9.1f %8.2fx %12.3f %14.0f%n",
                    r.name(),
                    r.perSecond(),
                    r.p50(),
                    r.p99(),
                    r.perSecond() / base.perSecond(),
                    r.cpuMsPerOp(),
                    r.projectedPerSecond());
        }
        System.out.println("load average at end: " + ProcessCpu.loadAverage());
        System.out.printf(
                "measured (wall clock, shared machine): committed tx/s %.0f (target %.0f: %.2fx), evaluate/s %.0f"
                        + " (target %.0f: %.2fx)%n",
                submitMany.perSecond(),
                TARGET_COMMITS,
                submitMany.perSecond() / TARGET_COMMITS,
                evalMany.perSecond(),
                TARGET_EVALUATES,
                evalMany.perSecond() / TARGET_EVALUATES);
        System.out.printf(
                "projected for an idle machine (%d cores / CPU-ms per op, client included): committed tx/s %.0f,"
                        + " evaluate/s %.0f%n",
                CORES, submitMany.projectedPerSecond(), evalMany.projectedPerSecond());
        System.out.println(
                "rerun: scripts/bench.sh devnet --seconds " + (long) (submitBase.seconds()) + " --threads " + threads);
    }

    private void submit() throws Exception {
        registration.submitTransaction(
                "RegisterDataset", CanonicalJson.write(draft(idPrefix + nextId.incrementAndGet())));
    }

    private static UclDraft draft(String id) {
        UclSchema schema = new UclSchema(
                List.of(new FeatureSpec("x", FeatureType.NUMERIC), new FeatureSpec("y", FeatureType.NUMERIC)),
                new LabelSpec("label", List.of("a", "b")),
                Task.CLASSIFICATION);
        return new UclDraft(
                id,
                "benchmark " + id,
                "throughput probe",
                schema,
                10,
                "ab".repeat(32),
                10,
                "grpcs://127.0.0.1:7443",
                new Terms(1));
    }

    /**
     * Runs the operation until the JIT compilers have settled (they used under a tenth of a core during the last
     * slice), at least {@code seconds} and at most six times that: on a loaded machine C2 compilation otherwise runs
     * through the measured phases and inflates their CPU time with one-off work.
     */
    private static void warmUp(String name, int seconds, int threads, Operation operation) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long began = System.nanoTime();
        int slice = Math.max(2, seconds / 2);
        while (true) {
            long compiledBefore = jit.getTotalCompilationTime();
            long sliceBegan = System.nanoTime();
            measure(name, slice, threads, operation);
            double compileShare =
                    (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - sliceBegan) / 1e6);
            double elapsed = (System.nanoTime() - began) / 1e9;
            if ((elapsed >= seconds && compileShare < 0.1) || elapsed >= 6.0 * seconds) {
                System.out.printf(
                        "  %s done after %.0f s (JIT used %.2f cores in the last slice)%n",
                        name, elapsed, compileShare);
                return;
            }
        }
    }

    private static Result measure(String name, int seconds, int threads, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> workers = new ArrayList<>();
        ProcessCpu.Reading cpuBefore = CPU.read();
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                while (System.nanoTime() < deadline) {
                    long at = System.nanoTime();
                    operation.run();
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - at;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> worker : workers) {
            long[] part;
            try {
                part = worker.get();
            } catch (ExecutionException e) {
                pool.shutdownNow();
                String details = e.getCause() instanceof GatewayException gateway
                        ? gateway.getDetails().stream()
                                .map(d -> d.getMspId() + ": " + d.getMessage())
                                .toList()
                                .toString()
                        : "";
                throw new IllegalStateException(name + " failed: " + e.getCause() + " " + details, e.getCause());
            }
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        Arrays.sort(all);
        ProcessCpu.Reading cpu = CPU.read().minus(cpuBefore);
        Result result = new Result(name, all.length, elapsed, percentile(all, 0.50), percentile(all, 0.99), cpu);
        System.out.printf(
                "  %-34s %7d ops in %5.1f s, %.3f CPU-ms/op (chaincode JVMs %.3f)%n",
                name, result.count(), elapsed, result.cpuMsPerOp(), result.chaincodeCpuMsPerOp());
        return result;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static int intArg(String[] args, String flag, int fallback) {
        return Integer.parseInt(stringArg(args, flag, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String flag, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(flag)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    private record Result(String name, long count, double seconds, double p50, double p99, ProcessCpu.Reading cpu) {
        double perSecond() {
            return count / seconds;
        }

        double cpuMsPerOp() {
            return cpu.totalNanos() / 1e6 / count;
        }

        double chaincodeCpuMsPerOp() {
            return cpu.childNanos() / 1e6 / count;
        }

        /** What the machine's cores would sustain if this run had them to itself: cores / CPU time per operation. */
        double projectedPerSecond() {
            return CORES * 1000 / cpuMsPerOp();
        }
    }
}
