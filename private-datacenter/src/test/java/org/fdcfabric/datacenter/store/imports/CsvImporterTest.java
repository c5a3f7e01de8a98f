package org.fdcfabric.datacenter.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fdcfabric.datacenter.governance.Activity;
import org.fdcfabric.datacenter.governance.ActivityLogEntry;
import org.fdcfabric.datacenter.store.ImportIssue;
import org.fdcfabric.datacenter.store.ImportReport;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.TestCenter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImporterTest {
    @TempDir
    Path dir;

    static final String SCHEMA = """
            {"stream": "ward-7", "sensor": "FDC_WEARABLE",
             "timestamp": {"column": "time", "format": "EPOCH_SECONDS"},
             "subject": "child", "channels": {"x": "ax", "y": "ay", "z": "az"},
             "identifiers": ["name"]}
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Nested
    class Header {
        @Test
        void missingColumnIsASchemaMismatchOnLineOneAndStoresNothing() throws IOException {
            Path csv = write("w.csv", "time,child,name,ax,ay\n1,kid,Ann,0.1,0.2\n");
            CsvSchema schema = CsvSchema.read(write("s.json", SCHEMA));
            try (TestCenter center = new TestCenter(dir.resolve("center"))) {
                assertThatThrownBy(() -> new CsvImporter(center.readings).importFile(csv, schema))
                        .isInstanceOf(CsvImportException.class)
                        .hasMessageContaining("line 1: schema mismatch")
                        .hasMessageContaining("lacks [az]");
                assertThat(center.readings.streams()).isEmpty();
            }
        }

        @Test
        void undeclaredColumnIsRefusedSinceItMightIdentifySomeone() throws IOException {
            Path csv = write("w.csv", "time,child,name,ax,ay,az,email\n");
            CsvSchema schema = CsvSchema.read(write("s.json", SCHEMA));
            try (TestCenter center = new TestCenter(dir.resolve("center"))) {
                assertThatThrownBy(() -> new CsvImporter(center.readings).importFile(csv, schema))
                        .hasMessageContaining("line 1: schema mismatch")
                        .hasMessageContaining("[email]");
            }
        }

        @Test
        void schemaFileWithUnknownFieldIsRejected() throws IOException {
            Path file = write("s.json", SCHEMA.replace("\"stream\"", "\"strem\""));
            assertThatThrownBy(() -> CsvSchema.read(file))
                    .isInstanceOf(CsvImportException.class)
                    .hasMessageContaining("strem");
        }
    }

    @Nested
    class Rows {
        @Test
        void eachBadLineIsNamedCountedAndSkippedWhileTheRestIsStored() throws IOException {
            Path csv = write(
                    "w.csv",
                    String.join(
                            "\n",
                            "time,child,name,ax,ay,az",
                            "100,kid-1,Ann Lee,0.1,0.2,0.9",
                            "101,kid-1,Ann Lee,0.1,0.2",
                            "102,kid-1,Ann Lee,high,0.2,0.9",
                            "103,kid-1,\"Ann Lee,0.1,0.2,0.9",
                            "",
                            "105,kid-1,Ann Lee,,0.2,0.9",
                            "106.5,kid-1,\"Lee, Ann\",0.5,0.2,0.9",
                            ""));
            CsvSchema schema = CsvSchema.read(write("s.json", SCHEMA));
            try (TestCenter center = new TestCenter(dir.resolve("center"))) {
                ImportReport report = new CsvImporter(center.readings).importFile(csv, schema);

                assertThat(report.rowsRead()).isEqualTo(6);
                assertThat(report.rowsStored()).isEqualTo(3);
                assertThat(report.droppedByKind())
                        .isEqualTo(Map.of(ImportIssue.Kind.MALFORMED, 2L, ImportIssue.Kind.SCHEMA_MISMATCH, 1L));
                assertThat(report.issues())
                        .extracting(ImportIssue::message)
                        .containsExactly(
                                "line 3: 5 fields where the header has 6",
                                "line 4: column 'ax' must hold a number",
                                report.issues().get(2).message());
                assertThat(report.issues().get(2).line()).isEqualTo(5);
                assertThat(report.issues().get(2).message()).startsWith("line 5: not valid CSV");

                var stored = center.readings.read("ward-7");
                assertThat(stored).extracting(Reading::sequence).containsExactly(2L, 7L, 8L);
                assertThat(stored.get(1).value(0)).isNaN(); // missing value kept for cleaning to count
                assertThat(stored.get(2).timestampMillis()).isEqualTo(106_500L);
                assertThat(stored.get(2).subject()).isEqualTo("kid-1");
                assertThat(new ActivityLogs(center.readings).get("ward-7")).isEmpty();
                assertThat(new StoredStreams(center.readings).importReport("ward-7"))
                        .contains(report);
            }
        }
    }

    @Nested
    class ActivityLog {
        @Test
        void readsEntriesAndNamesTheLineOfABadOne() throws IOException {
            Path good = write("log.csv", "subject,start,end,activity\nkid-1,100,160,eating\n\nkid-1,160,400,Outdoor\n");
            assertThat(ActivityLogCsv.read(good))
                    .containsExactly(
                            new ActivityLogEntry("kid-1", 100, 160, Activity.EATING),
                            new ActivityLogEntry("kid-1", 160, 400, Activity.OUTDOOR));

            Path bad = write("bad.csv", "subject,start,end,activity\nkid-1,100,160,eating\nkid-1,160,400,teaching\n");
            assertThatThrownBy(() -> ActivityLogCsv.read(bad))
                    .isInstanceOf(CsvImportException.class)
                    .hasMessageContaining("line 3");
        }
    }
}
