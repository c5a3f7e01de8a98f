package org.fdcfabric.benchmarks.datapath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fdcfabric.datacenter.device.SensorModel;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.datacenter.store.StreamSource;

/**
 * Ingest rate into the data center's store: readings appended in transactions of {@code --batch} readings,
 * sealed with AES-256-GCM in chunks, into the H2 file database; against the naive way, one unencrypted row per
 * INSERT statement with auto-commit, into the same kind of database in the same run. Prints both rates and
 * their ratio. Usage: {@code IngestBenchmark [--readings N] [--baseline-readings M] [--batch B]}.
 */
public final class IngestBenchmark {
    public static final double TARGET_PER_SECOND = 100_000;

    public static void main(String[] args) throws Exception {
        int readings = intArg(args, "--readings", 1_000_000);
        int baselineReadings = intArg(args, "--baseline-readings", 20_000);
        int batch = intArg(args, "--batch", 50_000);
        Path dir = Files.createTempDirectory("fdc-ingest-bench");
        System.out.printf(
                "ingest benchmark: %d readings (batches of %d), baseline %d readings, %d cores, in %s%n",
                readings, batch, baselineReadings, Runtime.getRuntime().availableProcessors(), dir);

        List<Reading> data = readings(readings, 42);
        List<Reading> baselineData = readings(baselineReadings, 43);

        double sealed;
        try (CenterStore store = CenterStore.open(
                StoreConfig.embedded(dir.resolve("center")), "benchmark-only-password".toCharArray())) {
            store.readings()
                    .createStream(new StreamDescriptor("warmup", SensorModel.FDC_WEARABLE, StreamSource.SIMULATOR));
            appendAll(store, "warmup", readings(100_000, 7), batch); // JIT warm-up, not measured
            store.readings()
                    .createStream(new StreamDescriptor("bench", SensorModel.FDC_WEARABLE, StreamSource.SIMULATOR));
            long start = System.nanoTime();
            appendAll(store, "bench", data, batch);
            double seconds = (System.nanoTime() - start) / 1e9;
            sealed = readings / seconds;
            if (store.readings().count("bench") != readings) {
                throw new IllegalStateException(
                        "stored " + store.readings().count("bench") + " readings, not " + readings);
            }
            System.out.printf(
                    "sealed chunked store: %,d readings in %.3f s = %,.0f readings/s (AES-256-GCM via %s)%n",
                    readings, seconds, sealed, store.readings().cipherEngine());
        }

        double naive = naive(dir.resolve("naive"), baselineData);
        System.out.printf(
                "naive baseline (one INSERT per reading, auto-commit, no encryption): %,.0f readings/s%n", naive);
        System.out.printf("ratio sealed/naive: %.1fx%n", sealed / naive);
        System.out.printf(
                "target >= %,.0f readings/s: %s%n", TARGET_PER_SECOND, sealed >= TARGET_PER_SECOND ? "MET" : "NOT MET");
    }

    private static void appendAll(CenterStore store, String stream, List<Reading> data, int batch) {
        for (int from = 0; from < data.size(); from += batch) {
            store.readings().append(stream, data.subList(from, Math.min(data.size(), from + batch)));
        }
    }

    private static double naive(Path dir, List<Reading> data) throws SQLException {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("naive");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement()
                    .execute("CREATE TABLE naive_reading (stream_id VARCHAR(64), seq BIGINT, "
                            + "ts BIGINT, subject VARCHAR(128), x DOUBLE PRECISION, y DOUBLE PRECISION, z DOUBLE PRECISION, "
                            + "PRIMARY KEY (stream_id, seq))");
            c.setAutoCommit(true);
            insertEach(c, readings(5_000, 9), "warmup");
            long start = System.nanoTime();
            insertEach(c, data, "bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            return data.size() / seconds;
        }
    }

    private static void insertEach(Connection c, List<Reading> data, String stream) throws SQLException {
        for (Reading r : data) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO naive_reading (stream_id, seq, ts, subject, x, y, z) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, stream);
                insert.setLong(2, r.sequence());
                insert.setLong(3, r.timestampMillis());
                insert.setString(4, r.subject());
                insert.setDouble(5, r.value(0));
                insert.setDouble(6, r.value(1));
                insert.setDouble(7, r.value(2));
                insert.executeUpdate();
            }
        }
    }

    /** Per-second wearable readings of 30 subjects in turn, with plausible values. */
    static List<Reading> readings(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Reading> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new Reading(i + 1, 1_567_555_200_000L + (i / 30) * 1000L, "child-" + (i % 30), new double[] {
                random.nextGaussian() * 0.3, random.nextGaussian() * 0.3, 1 + random.nextGaussian() * 0.1
            }));
        }
        return list;
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
