package org.fdcfabric.benchmarks.datapath;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.datacenter.store.imports.TableImporter;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.learning.tabular.TabularCsvReader;
import org.fdcfabric.learning.tabular.TabularCsvReport;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Import throughput of a large CSV table into the data center's store, each run in its own JVM under {@code
 * -Xmx512m} so the heap bound is real: the full import (read, check against the schema, seal in chunks, Merkle
 * root, commit) against the baseline of the reader alone (read and check, rows discarded), on the same generated
 * file (numeric and categorical columns, missing cells, an identifier column) in the same run. Prints rows/s, the
 * peak heap of each JVM and their ratio. Usage: {@code TableImportBenchmark [--mb 200] [--heap 512m]}.
 */
public final class TableImportBenchmark {
    private static final String PASSWORD = "benchmark-only-password";
    private static final List<String> WARDS =
            List.of("cardio", "east", "icu", "maternity", "north", "oncology", "south", "west");
    private static final List<String> CLASSES = List.of("admitted", "home", "transferred");

    static final UclSchema SCHEMA = new UclSchema(
            List.of(
                    FeatureSpec.numeric("age", MissingPolicy.MEAN),
                    FeatureSpec.numeric("weight", MissingPolicy.MEAN),
                    FeatureSpec.numeric("systolic", MissingPolicy.REFUSE),
                    FeatureSpec.numeric("diastolic", MissingPolicy.REFUSE),
                    FeatureSpec.numeric("heart_rate", MissingPolicy.MEAN),
                    FeatureSpec.numeric("glucose", MissingPolicy.MEAN),
                    FeatureSpec.numeric("stay_days", MissingPolicy.REFUSE),
                    FeatureSpec.categorical("ward", WARDS, MissingPolicy.MOST_FREQUENT),
                    FeatureSpec.categorical("sex", List.of("f", "m"), MissingPolicy.REFUSE)),
            new LabelSpec("outcome", CLASSES),
            Task.CLASSIFICATION);

    private TableImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Path.of(args[2]), Path.of(args[3]));
            return;
        }
        int mb = IngestBenchmark.intArg(args, "--mb", 200);
        String heap = stringArg(args, "--heap", "512m");
        Path dir = Files.createTempDirectory("fdc-table-import-bench");
        Path csv = dir.resolve("table.csv");
        long rows = generate(csv, mb * 1024L * 1024L);
        System.out.printf(
                Locale.ROOT,
                "table import benchmark: %s CSV, %,d rows x %d features + label + an id column, %d cores, each run"
                        + " in its own JVM with -Xmx%s, in %s%n",
                human(Files.size(csv)),
                rows,
                SCHEMA.features().size(),
                Runtime.getRuntime().availableProcessors(),
                heap,
                dir);
        Result read = run("read", csv, dir.resolve("unused"), heap);
        System.out.printf(
                Locale.ROOT,
                "baseline, reader alone (parse + check, rows discarded): %,d rows in %.1f s = %,.0f rows/s, peak heap"
                        + " %s%n",
                read.rows(),
                read.seconds(),
                read.rate(),
                human(read.peakHeap()));
        Result imported = run("import", csv, dir.resolve("center"), heap);
        System.out.printf(
                Locale.ROOT,
                "import into the store (parse + check + seal + Merkle root + commit): %,d rows in %.1f s = %,.0f"
                        + " rows/s, %.1f MB/s of CSV, peak heap %s%n",
                imported.rows(),
                imported.seconds(),
                imported.rate(),
                Files.size(csv) / 1e6 / imported.seconds(),
                human(imported.peakHeap()));
        if (read.rows() != rows || imported.rows() != rows) {
            throw new IllegalStateException("expected " + rows + " rows in both runs");
        }
        System.out.printf(Locale.ROOT, "ratio import/reader-alone throughput: %.2fx%n", imported.rate() / read.rate());
        System.out.printf("rerun: scripts/bench.sh table-import --mb %d --heap %s%n", mb, heap);
    }

    private record Result(long rows, double seconds, long peakHeap) {
        double rate() {
            return rows / seconds;
        }
    }

    /** Runs one mode in a fresh JVM with the heap bound, on this benchmark's own class path. */
    private static Result run(String mode, Path csv, Path center, String heap) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-cp",
                classPath(),
                TableImportBenchmark.class.getName(),
                "--child",
                mode,
                csv.toString(),
                center.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (line.startsWith("progress ")) {
                    System.out.println("  " + mode + ": " + line.substring(9));
                } else if (line.contains("Exception") || line.contains("Error")) {
                    System.out.println("  " + mode + " JVM: " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(mode + " run exited " + exit + " without a result");
        }
        String[] parts = result.split(" ");
        return new Result(Long.parseLong(parts[1]), Double.parseDouble(parts[2]), Long.parseLong(parts[3]));
    }

    private static String classPath() {
        if (TableImportBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs())
                    .map(TableImportBenchmark::file)
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("class path entry " + url + " is not a file", e);
        }
    }

    private static void child(String mode, Path csv, Path center) throws Exception {
        TabularCsvOptions options = TabularCsvOptions.defaults();
        long start = System.nanoTime();
        long rows;
        if (mode.equals("read")) {
            long[] seen = {0};
            TabularCsvReport report;
            try (InputStream in = Files.newInputStream(csv)) {
                report = new TabularCsvReader(SCHEMA, options).read(in, (cells, label) -> seen[0]++);
            }
            check(report);
            rows = seen[0];
        } else {
            long size = Files.size(csv);
            long[] lastShown = {System.nanoTime()};
            try (CenterStore store = CenterStore.open(StoreConfig.embedded(center), PASSWORD.toCharArray())) {
                TableImporter.Outcome outcome = new TableImporter(store.tables())
                        .importFile("bench-table", csv, SCHEMA, options, (bytes, staged) -> {
                            if (System.nanoTime() - lastShown[0] > 10e9) {
                                lastShown[0] = System.nanoTime();
                                System.out.printf(
                                        Locale.ROOT,
                                        "progress %,d rows, %.0f%% of the file%n",
                                        staged,
                                        100.0 * bytes / size);
                            }
                        });
                check(outcome.report());
                rows = outcome.stored().orElseThrow().rowCount();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("RESULT " + rows + " " + seconds + " " + peak);
    }

    private static void check(TabularCsvReport report) {
        if (report.refused() > 0) {
            throw new IllegalStateException("generated rows were refused: " + report.summary());
        }
    }

    /** Writes seeded rows until the file reaches {@code bytes}; returns the row count. */
    static long generate(Path csv, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(20261207);
        long rows = 0;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            String header = "patient_id,age,weight,systolic,diastolic,heart_rate,glucose,stay_days,ward,sex,outcome\n";
            out.write(header);
            written += header.length();
            StringBuilder line = new StringBuilder(128);
            while (written < bytes) {
                line.setLength(0);
                line.append("P").append(1_000_000 + rows).append(',');
                line.append(random.nextInt(20) == 0 ? "" : String.valueOf(18 + random.nextInt(75)))
                        .append(',');
                line.append(random.nextInt(25) == 0 ? "NA" : decimal(55 + random.nextDouble() * 60))
                        .append(',');
                line.append(90 + random.nextInt(80)).append(',');
                line.append(55 + random.nextInt(50)).append(',');
                line.append(random.nextInt(30) == 0 ? "?" : String.valueOf(45 + random.nextInt(90)))
                        .append(',');
                line.append(random.nextInt(30) == 0 ? "" : decimal(3.5 + random.nextDouble() * 9))
                        .append(',');
                line.append(random.nextInt(30)).append(',');
                line.append(random.nextInt(33) == 0 ? "" : WARDS.get(random.nextInt(WARDS.size())))
                        .append(',');
                line.append(random.nextBoolean() ? "f" : "m").append(',');
                line.append(CLASSES.get(random.nextInt(CLASSES.size()))).append('\n');
                out.append(line);
                written += line.length();
                rows++;
            }
        }
        return rows;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String human(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
