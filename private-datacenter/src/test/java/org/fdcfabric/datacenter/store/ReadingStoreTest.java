package org.fdcfabric.datacenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.datacenter.device.SensorModel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingStoreTest {
    @TempDir
    Path dir;

    private static List<Reading> readings(long from, int count) {
        List<Reading> list = new ArrayList<>();
        for (long s = from; s < from + count; s++) {
            list.add(new Reading(s, 1_000L * s, "child-" + (s % 3), new double[] {s * 0.25, -s * 0.5, 1.0}));
        }
        return list;
    }

    private static final StreamDescriptor ACCEL =
            new StreamDescriptor("school-a", SensorModel.FDC_WEARABLE, StreamSource.SIMULATOR);

    @Nested
    class Migration {
        @Test
        void freshDatabaseGetsEverySchemaVersionAndReopenAppliesNothing() throws Exception {
            try (TestCenter center = new TestCenter(dir)) {
                assertThat(center.database.migrationsApplied()).isEqualTo(3);
                assertThat(center.database.schemaVersion()).isEqualTo("3");
                List<String> tables = center.database.inTransaction(c -> {
                    List<String> names = new ArrayList<>();
                    try (ResultSet rows = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                        while (rows.next()) {
                            names.add(rows.getString("TABLE_NAME").toLowerCase());
                        }
                    }
                    return names;
                });
                assertThat(tables)
                        .contains(
                                "reading_stream",
                                "reading_chunk",
                                "stream_attachment",
                                "dataset",
                                "dataset_record",
                                "tabular_chunk",
                                "tabular_table");
            }
            try (TestCenter again = new TestCenter(dir)) {
                assertThat(again.database.migrationsApplied()).isZero();
            }
        }
    }

    @Nested
    class AnyJdbcUrl {
        @Test
        void aConfiguredDatabaseInPostgreSqlModeMigratesAndRoundTrips() {
            StoreConfig config = new StoreConfig(
                    dir,
                    "jdbc:h2:mem:pg-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
            try (CenterStore store = CenterStore.open(config, TestCenter.PASSWORD)) {
                assertThat(store.database().migrationsApplied()).isEqualTo(3);
                store.readings().createStream(ACCEL);
                store.readings().append("school-a", readings(1, 10));
                assertThat(store.readings().read("school-a")).isEqualTo(readings(1, 10));
            }
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void readingsComeBackExactlyAcrossChunksAndRestarts() {
            List<Reading> written = readings(1, ReadingStore.CHUNK_READINGS * 2 + 17);
            try (TestCenter center = new TestCenter(dir)) {
                center.readings.createStream(ACCEL);
                center.readings.append("school-a", written);
            }
            try (TestCenter center = new TestCenter(dir)) {
                assertThat(center.readings.read("school-a")).isEqualTo(written);
                assertThat(center.readings.count("school-a")).isEqualTo(written.size());
                assertThat(center.readings.lastSequence("school-a")).isEqualTo(written.size());
                assertThat(center.readings.cipherEngine()).startsWith("commons-crypto");
            }
        }

        @Test
        void nothingReadableIsStoredInClear() {
            try (TestCenter center = new TestCenter(dir)) {
                center.readings.createStream(ACCEL);
                center.readings.append("school-a", List.of(new Reading(1, 5, "alice-smith", new double[] {1, 2, 3})));
                byte[] sealed = center.database.inTransaction(c -> {
                    try (ResultSet rows = c.createStatement().executeQuery("SELECT sealed FROM reading_chunk")) {
                        rows.next();
                        return rows.getBytes(1);
                    }
                });
                assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("alice-smith");
            }
        }

        @Test
        void appendRejectsSequencesThatDoNotRiseAndWritesNothing() {
            try (TestCenter center = new TestCenter(dir)) {
                center.readings.createStream(ACCEL);
                center.readings.append("school-a", readings(1, 10));
                assertThatThrownBy(() -> center.readings.append("school-a", readings(5, 10)))
                        .hasMessageContaining("reading sequence 5 does not follow 10");
                assertThat(center.readings.count("school-a")).isEqualTo(10);
            }
        }
    }

    @Nested
    class AppendOnce {
        @Test
        void redeliveredReadingsAreSkippedAndCounted() {
            try (TestCenter center = new TestCenter(dir)) {
                center.readings.createStream(new StreamDescriptor("pi-1", SensorModel.ADXL345, StreamSource.EDGE));
                assertThat(center.readings.appendOnce("pi-1", readings(1, 5)))
                        .isEqualTo(new ReadingStore.AppendResult(5, 0, 5));
                assertThat(center.readings.appendOnce("pi-1", readings(3, 6)))
                        .isEqualTo(new ReadingStore.AppendResult(3, 3, 8));
                assertThat(center.readings.read("pi-1")).isEqualTo(readings(1, 8));
            }
        }
    }

    @Nested
    class Tamper {
        @Test
        void flippedCiphertextByteIsDetected() {
            try (TestCenter center = new TestCenter(dir)) {
                center.readings.createStream(ACCEL);
                center.readings.append("school-a", readings(1, 100));
                center.database.inTransaction(c -> {
                    byte[] sealed;
                    try (ResultSet rows = c.createStatement().executeQuery("SELECT sealed FROM reading_chunk")) {
                        rows.next();
                        sealed = rows.getBytes(1);
                    }
                    sealed[40] ^= 0x01;
                    try (PreparedStatement update = c.prepareStatement("UPDATE reading_chunk SET sealed = ?")) {
                        update.setBytes(1, sealed);
                        update.executeUpdate();
                    }
                    return null;
                });
                assertThatThrownBy(() -> center.readings.read("school-a"))
                        .isInstanceOf(StoreIntegrityException.class)
                        .hasMessageContaining("chunk 1 of stream school-a failed authentication");
            }
        }

        @Test
        void chunkMovedToAnotherStreamIsDetected() {
            try (TestCenter center = new TestCenter(dir)) {
                center.readings.createStream(ACCEL);
                center.readings.createStream(
                        new StreamDescriptor("school-b", SensorModel.FDC_WEARABLE, StreamSource.SIMULATOR));
                center.readings.append("school-a", readings(1, 10));
                center.database.inTransaction(
                        c -> c.createStatement().executeUpdate("UPDATE reading_chunk SET stream_id = 'school-b'"));
                assertThatThrownBy(() -> center.readings.read("school-b")).isInstanceOf(StoreIntegrityException.class);
            }
        }

        @Test
        void keystoreWithWrongPasswordIsRefused() {
            try (TestCenter center = new TestCenter(dir)) {
                assertThat(center.keys).hasToString("CenterKeys[redacted]");
            }
            assertThatThrownBy(() -> CenterKeys.openOrCreate(CenterKeys.defaultLocation(dir), "wrong".toCharArray()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open the center keystore");
        }
    }
}
