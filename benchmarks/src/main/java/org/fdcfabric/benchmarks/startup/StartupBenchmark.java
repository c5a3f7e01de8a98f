package org.fdcfabric.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.config.DevnetConfig;

/**
 * Wall and CPU time of {@code fdc --version} and of a query against a running devnet ({@code dataset list}), each
 * run as a new process the way a user runs it, in three ways, interleaved run by run so a change in the machine's
 * load hits all three alike:
 *
 * <ul>
 *   <li>baseline: {@code java -cp <every jar> org.fdcfabric.cli.Fdc}, as {@code scripts/fdc} ran it before the
 *       distribution (JVM defaults: G1, both JIT tiers, no application class-data archive);
 *   <li>{@code bin/fdc} with {@code FDC_CDS=off}: the distribution's JVM options without its archive;
 *   <li>{@code bin/fdc}: with the archive {@code mvn package} made in {@code lib/} ({@code bin/fdc-cds}).
 * </ul>
 *
 * CPU time is the child's user + system time as this JVM's {@code /proc/self/stat} counts reaped children (10 ms
 * ticks); it does not depend on what else the machine runs, wall time does.
 *
 * <pre>scripts/bench.sh startup [--runs 9]</pre>
 */
public final class StartupBenchmark {
    private static final double VERSION_TARGET_SECONDS = 0.25;
    private static final double QUERY_TARGET_SECONDS = 0.8;
    /** A query's evaluate deadline is 5 s; on a loaded machine a JVM start can take longer than that again. */
    private static final long RUN_TIMEOUT_SECONDS = 120;

    private StartupBenchmark() {}

    private record Variant(String name, List<String> launcher, Map<String, String> environment) {}

    private record Sample(double wallSeconds, double cpuSeconds) {}

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 9);
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path dist = distribution(root);
        String classpath = Arrays.stream(
                        Files.readString(dist.resolve("lib/classpath")).strip().split(":"))
                .map(entry -> dist.resolve(entry).toString())
                .collect(Collectors.joining(":"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Variant> variants = List.of(
                new Variant(
                        "baseline: java -cp, JVM defaults",
                        List.of(java, "-cp", classpath, "org.fdcfabric.cli.Fdc"),
                        Map.of()),
                new Variant(
                        "bin/fdc without archive",
                        List.of(dist.resolve("bin/fdc").toString()),
                        Map.of("FDC_CDS", "off")),
                new Variant(
                        "bin/fdc with archive", List.of(dist.resolve("bin/fdc").toString()), Map.of("FDC_CDS", "on")));
        boolean archived;
        try (Stream<Path> lib = Files.list(dist.resolve("lib"))) {
            // bin/fdc-cds names it after the folder, the java and the jars (bin/fdc's FDC_CDS=name prints it)
            archived = lib.anyMatch(p -> p.getFileName().toString().matches("fdc-.*\\.jsa"));
        }
        Path data = Files.createTempDirectory("fdc-startup-bench");
        System.out.printf(
                "fdc start-up: %d runs of each, %d cores, distribution %s (archive %s)%n",
                runs,
                Runtime.getRuntime().availableProcessors(),
                dist,
                archived ? "present" : "MISSING: bin/fdc-cds makes it");
        System.out.println("load average at start: " + loadAverage());
        try (Devnet devnet = Devnet.start(DevnetConfig.defaults(root), data, 0)) {
            String profile = devnet.profileFile().toString();
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("fdc --version", List.of("--version"));
            commands.put("fdc dataset list", List.of("dataset", "list", "--profile", profile, "--as", "alice"));
            // the chaincodes' first calls are slow; a user's query meets a warm network
            run(new Variant("warm-up", variants.get(2).launcher(), Map.of()), commands.get("fdc dataset list"));

            Map<String, Map<String, List<Sample>>> results = new LinkedHashMap<>();
            for (int i = 1; i <= runs; i++) {
                for (Map.Entry<String, List<String>> command : commands.entrySet()) {
                    for (Variant variant : variants) {
                        results.computeIfAbsent(command.getKey(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(variant.name(), k -> new ArrayList<>())
                                .add(run(variant, command.getValue()));
                    }
                }
                System.out.printf("run %d/%d done, load average %s%n", i, runs, loadAverage());
            }
            report(results);
        } finally {
            deleteTree(data);
        }
        System.out.println("load average at end: " + loadAverage());
        System.out.println("rerun: scripts/bench.sh startup --runs " + runs);
    }

    private static void report(Map<String, Map<String, List<Sample>>> results) {
        System.out.println();
        System.out.println("command            way                                wall p50   cpu p50   wall vs baseline"
                + "   wall vs no archive   target");
        for (Map.Entry<String, Map<String, List<Sample>>> command : results.entrySet()) {
            List<List<Sample>> ways = new ArrayList<>(command.getValue().values());
            double baseline = median(ways.get(0), Sample::wallSeconds);
            double unarchived = median(ways.get(1), Sample::wallSeconds);
            double target = command.getKey().contains("version") ? VERSION_TARGET_SECONDS : QUERY_TARGET_SECONDS;
            for (Map.Entry<String, List<Sample>> way : command.getValue().entrySet()) {
                double wall = median(way.getValue(), Sample::wallSeconds);
                double cpu = median(way.getValue(), Sample::cpuSeconds);
                System.out.printf(
                        Locale.ROOT,
                        "%-18s %-34s %7.3f s %7.2f s   %16.2fx   %18.2fx   %s%n",
                        command.getKey(),
                        way.getKey(),
                        wall,
                        cpu,
                        wall / baseline,
                        wall / unarchived,
                        String.format(Locale.ROOT, "<= %.2f s %s", target, wall <= target ? "met" : "NOT met"));
            }
        }
        System.out.println("(targets are for a quiet machine; compare the CPU column and the ratios on a loaded one)");
    }

    private static Sample run(Variant variant, List<String> args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(variant.launcher());
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().remove("FDC_JAVA_OPTS");
        builder.environment().putAll(variant.environment());
        long cpuBefore = childCpuTicks();
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", line) + " did not finish in " + RUN_TIMEOUT_SECONDS + " s");
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (childCpuTicks() - cpuBefore) / 100.0;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(variant.name() + ": " + String.join(" ", args) + " exited with "
                    + process.exitValue() + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new Sample(wall, cpu);
    }

    /** User + system ticks of this JVM's reaped children (fields 16 and 17 of /proc/self/stat; 100 per second). */
    private static long childCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state, field 3 of the file; cutime and cstime are fields 16 and 17
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Path distribution(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve("cli").resolve("target"))) {
            List<Path> folders = entries.filter(p -> p.getFileName().toString().startsWith("fdc-")
                            && Files.isExecutable(p.resolve("bin").resolve("fdc")))
                    .toList();
            if (folders.size() != 1) {
                throw new IllegalStateException(
                        "expected one cli/target/fdc-<version>/ (mvn -pl cli -am package), found " + folders);
            }
            return folders.get(0);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
