package org.fdcfabric.benchmarks.explorer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.explorer.chain.GatewaySource;
import org.fdcfabric.explorer.web.ExplorerServer;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Page load time of the explorer with many transactions on chain. The devnet starts empty; the explorer's pages
 * (Network, a block, a transaction found by id, a job-less Jobs list) are loaded over HTTP and timed: that is the
 * baseline. Then {@code --transactions} datasets are registered (one committed transaction each, from 64 client
 * threads), and the same pages are timed again. Each measurement is the full request as a browser's first byte to
 * last byte sees it (server-side reads through the gateway, qscc, rendering), after a warm-up.
 *
 * <pre>scripts/bench.sh explorer [--transactions 10000] [--loads 100]</pre>
 */
public final class ExplorerPageBenchmark {
    private static final double TARGET_MILLIS = 300;
    private static final int CLIENTS = 64;

    private ExplorerPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int transactions = intArg(args, "--transactions", 10_000);
        int loads = intArg(args, "--loads", 100);
        Path root = Path.of(stringArg(args, "--root", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("fdc-explorer-bench");
        System.out.printf(
                "explorer benchmark: %d transactions, %d timed loads per page, %d cores, data in %s%n",
                transactions, loads, Runtime.getRuntime().availableProcessors(), dir);
        System.out.println("load average at start: " + loadAverage());
        try (Devnet devnet = Devnet.start(DevnetConfig.defaults(root), dir, 0);
                FdcConnection alice = connect(devnet, "alice");
                FdcConnection frank = connect(devnet, "frank");
                ExplorerServer explorer =
                        ExplorerServer.start(GatewaySource.over(frank), "frank", "127.0.0.1", 0, Optional.empty())) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String base = "http://127.0.0.1:" + explorer.port();
            String firstTx = alice.registration().register(draft("bench-0")).transactionId();
            List<Page> baseline = measure(http, base, firstTx, loads, "baseline (1 transaction on chain)");

            long started = System.nanoTime();
            String lastTx = fill(alice, transactions - 1);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "committed %d transactions in %.1f s (%.0f tx/s)%n",
                    transactions - 1, seconds, (transactions - 1) / seconds);
            long height = frank.collaborationLedger().chainInfo().getHeight()
                    + frank.registrationLedger().chainInfo().getHeight();
            System.out.printf("chain height now %d blocks over both channels%n", height);
            List<Page> loaded = measure(http, base, lastTx, loads, "with " + transactions + " transactions on chain");

            System.out.println();
            System.out.println("page                 baseline p50   loaded p50   loaded p95   ratio p50   < "
                    + (int) TARGET_MILLIS + " ms (p95)");
            boolean allFast = true;
            for (int i = 0; i < loaded.size(); i++) {
                Page before = baseline.get(i);
                Page after = loaded.get(i);
                boolean fast = after.p95() < TARGET_MILLIS;
                allFast &= fast;
                System.out.printf(
                        "%-20s %10.1f ms %10.1f ms %10.1f ms %10.2fx   %s%n",
                        after.name(),
                        before.p50(),
                        after.p50(),
                        after.p95(),
                        after.p50() / before.p50(),
                        fast ? "yes" : "NO");
            }
            System.out.println("load average at end: " + loadAverage());
            System.out.println(allFast ? "every page under target" : "SOME PAGE OVER TARGET");
            System.out.println("rerun: scripts/bench.sh explorer --transactions " + transactions + " --loads " + loads);
        }
    }

    private record Page(String name, double p50, double p95) {}

    private static List<Page> measure(HttpClient http, String base, String txId, int loads, String label)
            throws Exception {
        List<String[]> pages = List.of(
                new String[] {"network", "/"},
                new String[] {"block", "/blocks/registration/1"},
                new String[] {"transaction", "/tx/" + txId},
                new String[] {"search (tx id)", "/search?q=" + txId},
                new String[] {"jobs", "/jobs"});
        System.out.println(label + ":");
        List<Page> results = new ArrayList<>();
        for (String[] page : pages) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + page[1]))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            for (int i = 0; i < Math.max(20, loads / 5); i++) {
                load(http, request);
            }
            double[] millis = new double[loads];
            for (int i = 0; i < loads; i++) {
                long start = System.nanoTime();
                load(http, request);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            Page result = new Page(page[0], millis[loads / 2], millis[(int) Math.ceil(loads * 0.95) - 1]);
            System.out.printf(
                    "  %-20s p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    result.name(), result.p50(), result.p95(), millis[loads - 1]);
            results.add(result);
        }
        return results;
    }

    private static void load(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        // a search answers with a redirect to the page it found; every other page with 200
        if (response.statusCode() != 200 && response.statusCode() != 303) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
    }

    /** Registers {@code count} datasets from {@value #CLIENTS} threads; returns the id of the last transaction. */
    private static String fill(FdcConnection client, int count) throws Exception {
        AtomicLong next = new AtomicLong(1);
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<String>> workers = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                workers.add(pool.submit(() -> {
                    String last = null;
                    long id;
                    while ((id = next.getAndIncrement()) <= count) {
                        Committed<?> committed = client.registration().register(draft("bench-" + id));
                        last = committed.transactionId();
                        long finished = done.incrementAndGet();
                        if (finished % 1000 == 0) {
                            System.out.printf("  %d / %d committed%n", finished, count);
                        }
                    }
                    return last;
                }));
            }
            String last = null;
            for (Future<String> worker : workers) {
                String mine = worker.get();
                last = mine == null ? last : mine;
            }
            return last;
        } finally {
            pool.shutdownNow();
        }
    }

    private static UclDraft draft(String id) {
        return new UclDraft(
                id,
                "benchmark " + id,
                "explorer page probe",
                new UclSchema(
                        List.of(new FeatureSpec("x", FeatureType.NUMERIC)),
                        new LabelSpec("label", List.of("a", "b")),
                        Task.CLASSIFICATION),
                10,
                "ab".repeat(32),
                10,
                "grpcs://127.0.0.1:7443",
                new Terms(1));
    }

    private static FdcConnection connect(Devnet devnet, String identity) throws Exception {
        return FdcConnection.builder()
                .profile(devnet.profileFile())
                .identity(identity)
                .connect();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
