package org.fdcfabric.datacenter.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.datacenter.device.SensorModel;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.SimulatedSchool;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.datacenter.store.ImportReport;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.datacenter.store.StreamSource;
import org.fdcfabric.datacenter.store.TestCenter;
import org.fdcfabric.datacenter.store.imports.ActivityLogs;
import org.fdcfabric.datacenter.store.imports.CsvImporter;
import org.fdcfabric.datacenter.store.imports.CsvSchema;
import org.fdcfabric.datacenter.store.imports.SimulatorImport;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernancePipelineTest {
    @TempDir
    Path dir;

    private static final long T0 = 1_567_555_200L;

    private static GovernancePipeline pipeline(TestCenter center) {
        return new GovernancePipeline(
                new ReadingCleaner(), new Pseudonymizer(center.keys.pseudonymKey()), Windower.fdc());
    }

    private static GovernedDataset governStream(TestCenter center, String stream, Optional<ImportReport> report) {
        StreamDescriptor descriptor = center.readings.stream(stream).orElseThrow();
        List<ActivityLogEntry> log = new ActivityLogs(center.readings).get(stream);
        return pipeline(center)
                .govern(
                        "ds-" + stream,
                        List.of(new GovernanceInput(descriptor, center.readings.read(stream), log, report)));
    }

    @Nested
    class BadInput {
        /** Two minutes of one child eating, with a bad line of each kind in the first minute. */
        private GovernedDataset governCsvWithBadLines(TestCenter center) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add("time,child,name,ax,ay,az");
            for (int s = 0; s < 120; s++) {
                String row = (T0 + s) + ",kid-1,Ann Lee,0." + (s % 10) + ",0.2,0.9";
                if (s == 10) {
                    row = (T0 + s) + ",kid-1,Ann Lee,0.1,0.2"; // malformed: a field short
                } else if (s == 20) {
                    row = (T0 + s) + ",kid-1,Ann Lee,9.5,0.2,0.9"; // out of the wearable's +-8 g
                } else if (s == 30) {
                    row = (T0 + s) + ",kid-1,Ann Lee,0.1,north,0.9"; // schema mismatch: text in a number column
                }
                lines.add(row);
            }
            Path csv = dir.resolve("ward.csv");
            Files.write(csv, lines);
            Path schemaFile = dir.resolve("schema.json");
            Files.writeString(schemaFile, """
                    {"stream": "ward-7", "sensor": "FDC_WEARABLE",
                     "timestamp": {"column": "time", "format": "EPOCH_SECONDS"},
                     "subject": "child", "channels": {"x": "ax", "y": "ay", "z": "az"},
                     "identifiers": ["name"]}
                    """);
            ImportReport report = new CsvImporter(center.readings).importFile(csv, CsvSchema.read(schemaFile));
            new ActivityLogs(center.readings)
                    .put("ward-7", List.of(new ActivityLogEntry("kid-1", T0, T0 + 120, Activity.EATING)));
            return governStream(center, "ward-7", Optional.of(report));
        }

        @Test
        void everyBadLineIsNamedAndCountedInTheGovernanceReport() throws IOException {
            try (TestCenter center = new TestCenter(dir.resolve("center"))) {
                GovernanceReport report = governCsvWithBadLines(center).report();

                GovernanceStep imported = report.step(GovernancePipeline.IMPORT).orElseThrow();
                assertThat(imported.kept()).isEqualTo(118);
                assertThat(imported.droppedBy()).isEqualTo(Map.of("malformed", 1L, "schema-mismatch", 1L));
                assertThat(imported.notes())
                        .containsExactly(
                                "ward.csv line 12: 5 fields where the header has 6",
                                "ward.csv line 32: column 'ay' must hold a number");

                GovernanceStep cleaning = report.step(ReadingCleaner.STEP).orElseThrow();
                assertThat(cleaning.kept()).isEqualTo(117);
                assertThat(cleaning.droppedBy()).isEqualTo(Map.of(ReadingCleaner.OUT_OF_RANGE, 1L));
                assertThat(cleaning.notes())
                        .containsExactly("ward-7 line 22: out-of-range: channel x is outside the FDC_WEARABLE "
                                + "datasheet range [-8.0, 8.0] g");

                GovernanceStep windowing =
                        report.step(GovernancePipeline.WINDOWING).orElseThrow();
                assertThat(windowing.kept()).isEqualTo(1);
                assertThat(windowing.droppedBy()).isEqualTo(Map.of("missing-seconds", 1L));

                GovernanceStep desensitization =
                        report.step(GovernancePipeline.DESENSITIZATION).orElseThrow();
                assertThat(desensitization.notes().get(0)).contains("[name]");
                assertThat(report.steps())
                        .extracting(GovernanceStep::name)
                        .containsExactly(
                                "import", "cleaning", "desensitization", "labelling", "windowing", "standardization");
            }
        }

        @Test
        void missingAndDuplicateReadingsAreDroppedWithTheirReason() {
            try (TestCenter center = new TestCenter(dir.resolve("center"))) {
                StreamDescriptor edge = new StreamDescriptor("pi-1", SensorModel.ADXL345, StreamSource.EDGE);
                var readings = List.of(
                        new org.fdcfabric.datacenter.store.Reading(1, 1000, "kid", new double[] {0, 0, 1}),
                        new org.fdcfabric.datacenter.store.Reading(2, 1000, "kid", new double[] {0, 0, 1}),
                        new org.fdcfabric.datacenter.store.Reading(3, 2000, "kid", new double[] {Double.NaN, 0, 1}),
                        new org.fdcfabric.datacenter.store.Reading(4, 3000, "kid", new double[] {0, -17, 1}));
                ReadingCleaner.Result result = new ReadingCleaner().clean(edge, readings);
                assertThat(result.kept()).hasSize(1);
                assertThat(result.step().droppedBy())
                        .isEqualTo(Map.of("duplicate", 1L, "missing-value", 1L, "out-of-range", 1L));
                assertThat(result.step().notes())
                        .containsExactly(
                                "pi-1 reading 2: duplicate: repeats an earlier reading of the same subject at the same time",
                                "pi-1 reading 3: missing-value: channel x has no value",
                                "pi-1 reading 4: out-of-range: channel y is outside the ADXL345 datasheet range "
                                        + "[-16.0, 16.0] g");
            }
        }

        @Test
        void aStreamWithoutAccelerationIsRefused() {
            try (TestCenter center = new TestCenter(dir.resolve("center"))) {
                StreamDescriptor climate = new StreamDescriptor("room", SensorModel.BME280, StreamSource.EDGE);
                assertThatThrownBy(() -> pipeline(center)
                                .govern(
                                        "ds",
                                        List.of(new GovernanceInput(climate, List.of(), List.of(), Optional.empty()))))
                        .hasMessageContaining("BME280 readings, which have no acceleration axes");
            }
        }
    }

    @Nested
    class Determinism {
        private final SimulatedSchool school =
                new WearableSimulator(11).simulate(new SchoolProfile("school-a", 2, 1, 1.0, 10, 1.0, 120));

        private byte[] governedBytes(Path centerDir) {
            try (TestCenter center = new TestCenter(centerDir)) {
                new SimulatorImport(center.readings, new ActivityLogs(center.readings))
                        .importSchool("school-a", school);
                GovernedDataset dataset = governStream(center, "school-a", Optional.empty());
                StringBuilder all = new StringBuilder(CanonicalJson.write(dataset.standardization()));
                all.append(CanonicalJson.write(dataset.report()));
                dataset.canonicalRecords()
                        .forEach(r -> all.append(new String(r, java.nio.charset.StandardCharsets.UTF_8)));
                return all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        @Test
        void sameInputAndCenterKeyGiveTheSameBytes() throws IOException {
            Path first = dir.resolve("first");
            byte[] a = governedBytes(first);
            Path second = dir.resolve("second");
            Files.createDirectories(second.resolve("keys"));
            Files.copy(first.resolve("keys/center-keys.p12"), second.resolve("keys/center-keys.p12"));

            assertThat(governedBytes(second)).isEqualTo(a);
            assertThat(governedBytes(dir.resolve("other-center"))).isNotEqualTo(a); // another pseudonym key
        }

        @Test
        void recordsArePseudonymizedLabelledAndStandardized() {
            try (TestCenter center = new TestCenter(dir.resolve("c"))) {
                new SimulatorImport(center.readings, new ActivityLogs(center.readings))
                        .importSchool("school-a", school);
                GovernedDataset dataset = governStream(center, "school-a", Optional.empty());

                assertThat(dataset.records()).hasSizeGreaterThan(100);
                assertThat(dataset.records()).allSatisfy(r -> {
                    assertThat(r.subject()).matches("sub-[0-9a-f]{32}");
                    assertThat(r.features()).hasSize(180);
                    assertThat(r.label()).isIn("eating", "sleeping", "indoor", "outdoor");
                });
                assertThat(dataset.canonicalRecords())
                        .noneSatisfy(r -> assertThat(new String(r)).contains("school-a-child"));
                double meanOfFirst = dataset.records().stream()
                        .mapToDouble(r -> r.features().get(0).doubleValue())
                        .average()
                        .orElseThrow();
                assertThat(meanOfFirst).isCloseTo(0.0, within(1e-3));
                assertThat(dataset.standardization().features().get(0).deviation())
                        .isGreaterThan(BigDecimal.ZERO);
                assertThat(dataset.schema().features()).hasSize(180);
                assertThat(dataset.report()
                                .step(GovernancePipeline.LABELLING)
                                .orElseThrow()
                                .droppedBy())
                        .containsKey("outside-logged-activity");
            }
        }
    }
}
