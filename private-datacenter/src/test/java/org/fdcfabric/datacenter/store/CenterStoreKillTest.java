package org.fdcfabric.datacenter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.datacenter.device.SensorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store acknowledged survives SIGKILL: a child JVM opens the store as {@code fdc center serve} does,
 * commits datasets, says so on its output and is then killed without any chance to close the store.
 */
class CenterStoreKillTest {
    private static final int RECORDS = 2_000;
    private static final String WRITTEN = "written";
    private static final String APPENDED = "appended ";
    private static final int BATCH = 50;
    private static final long INGEST_BATCHES = 400;
    private static final StreamDescriptor STREAM =
            new StreamDescriptor("school-a", SensorModel.FDC_WEARABLE, StreamSource.EDGE);

    @TempDir
    Path dir;

    @Test
    void acknowledgedDatasetSurvivesKill9() throws Exception {
        Path dataDir = dir.resolve("center");
        // the operator publishes a dataset with a short-lived command that closes the store
        runToEnd(dataDir, "wear-1", "close");
        // the long-running center writes another, acknowledges it and is killed
        killAfterWritten(dataDir, "wear-2");
        try (TestCenter center = new TestCenter(dataDir)) {
            assertThat(center.store.datasets().datasetIds()).containsExactly("wear-1", "wear-2");
            for (String id : List.of("wear-1", "wear-2")) {
                assertThat(center.store.datasets().manifest(id)).contains(manifest(id));
                assertThat(center.store.datasets().records(id)).hasSize(RECORDS);
            }
        }
        // a center killed right after opening, with nothing new written, keeps everything it had
        killAfterWritten(dataDir, "");
        try (TestCenter center = new TestCenter(dataDir)) {
            assertThat(center.store.datasets().datasetIds()).containsExactly("wear-1", "wear-2");
        }
    }

    @Test
    void acknowledgedReadingsSurviveKill9MidIngest() throws Exception {
        Path dataDir = dir.resolve("center");
        runToEnd(dataDir, "wear-1", "close");
        // edge ingest: many small commits, so the store also rewrites and compacts its file while it is killed
        Process process = child(dataDir, "", "ingest");
        long acknowledged = 0;
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < INGEST_BATCHES * BATCH && (line = out.readLine()) != null) {
                if (line.startsWith(APPENDED)) {
                    acknowledged = Long.parseLong(line.substring(APPENDED.length()));
                } else {
                    lines.add(line);
                }
            }
            process.destroyForcibly();
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(acknowledged).as("the child's output: %s", lines).isEqualTo(INGEST_BATCHES * BATCH);
        try (TestCenter center = new TestCenter(dataDir)) {
            assertThat(center.readings.lastSequence(STREAM.id())).isGreaterThanOrEqualTo(acknowledged);
            assertThat(center.readings.count(STREAM.id())).isEqualTo(center.readings.lastSequence(STREAM.id()));
            assertThat(center.store.datasets().records("wear-1")).hasSize(RECORDS);
        }
    }

    private static Process child(Path dataDir, String datasetId, String ending) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Writer.class.getName(),
                        dataDir.toString(),
                        datasetId,
                        ending)
                .redirectErrorStream(true)
                .start();
    }

    private static void runToEnd(Path dataDir, String datasetId, String ending) throws Exception {
        Process process = child(dataDir, datasetId, ending);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static void killAfterWritten(Path dataDir, String datasetId) throws Exception {
        Process process = child(dataDir, datasetId, "hang");
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(WRITTEN)) {
                lines.add(line);
            }
            assertThat(line).as("the child's output: %s", lines).isEqualTo(WRITTEN);
            // SIGKILL on Linux: no shutdown hook, no close
            process.destroyForcibly();
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(Files.exists(dataDir.resolve("store").resolve("center.mv.db")))
                .isTrue();
    }

    private static String manifest(String datasetId) {
        return "{\"id\":\"" + datasetId + "\"}";
    }

    /** The child: writes one dataset (none when the id is empty), reports it, then closes or hangs. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path dataDir = Path.of(args[0]);
            String datasetId = args[1];
            CenterStore store = CenterStore.open(StoreConfig.embedded(dataDir), TestCenter.PASSWORD);
            if (!datasetId.isEmpty()) {
                List<byte[]> records = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    records.add(
                            ("{\"dataset\":\"" + datasetId + "\",\"i\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}")
                                    .getBytes(StandardCharsets.UTF_8));
                }
                store.datasets().save(datasetId, manifest(datasetId), records);
            }
            System.out.println(WRITTEN);
            System.out.flush();
            if (args[2].equals("ingest")) {
                ingest(store);
            }
            if (args[2].equals("close")) {
                store.close();
                return;
            }
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }

        /** Appends batches until killed, reporting each once the store has acknowledged it. */
        private static void ingest(CenterStore store) {
            store.readings().createStream(STREAM);
            for (long next = 1; ; next += BATCH) {
                List<Reading> batch = new ArrayList<>();
                for (long s = next; s < next + BATCH; s++) {
                    batch.add(new Reading(s, 1_000L * s, "child-" + (s % 3), new double[] {s * 0.25, -s * 0.5, 1}));
                }
                store.readings().append(STREAM.id(), batch);
                System.out.println(APPENDED + (next + BATCH - 1));
                System.out.flush();
            }
        }
    }
}
