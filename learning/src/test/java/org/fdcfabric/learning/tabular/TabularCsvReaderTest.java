package org.fdcfabric.learning.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularCsvReaderTest {
    private static final UclSchema WARDS = new UclSchema(
            List.of(
                    FeatureSpec.numeric("age", MissingPolicy.MEAN),
                    FeatureSpec.categorical("ward", List.of("north", "south", "east"), MissingPolicy.MOST_FREQUENT),
                    FeatureSpec.numeric("dose", MissingPolicy.REFUSE)),
            new LabelSpec("outcome", List.of("home", "admitted")),
            Task.CLASSIFICATION);

    private static final UclSchema PRICES = new UclSchema(
            List.of(FeatureSpec.numeric("rooms", MissingPolicy.REFUSE)),
            new LabelSpec("price", List.of()),
            Task.REGRESSION);

    private record Read(List<float[]> cells, List<Double> labels, TabularCsvReport report) {}

    private static Read read(UclSchema schema, TabularCsvOptions options, String csv, Charset charset) {
        List<float[]> cells = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        TabularCsvReport report = new TabularCsvReader(schema, options)
                .read(new ByteArrayInputStream(csv.getBytes(charset)), (row, label) -> {
                    cells.add(row);
                    labels.add(label);
                });
        return new Read(cells, labels, report);
    }

    private static Read read(UclSchema schema, String csv) {
        return read(schema, TabularCsvOptions.defaults(), csv, StandardCharsets.UTF_8);
    }

    @Nested
    class Unlabelled {
        private Read unlabelled(String csv) {
            List<float[]> cells = new ArrayList<>();
            List<Double> labels = new ArrayList<>();
            TabularCsvReport report = TabularCsvReader.unlabelled(WARDS, TabularCsvOptions.defaults())
                    .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), (row, label) -> {
                        cells.add(row);
                        labels.add(label);
                    });
            return new Read(cells, labels, report);
        }

        @Test
        void readsRowsWithoutALabelColumnAndGivesNaNLabels() {
            Read read = unlabelled("ward,dose,age\nsouth,2.5,\n");
            assertThat(read.cells()).singleElement().satisfies(row -> assertThat(row)
                    .containsExactly(Float.NaN, 1f, 2.5f));
            assertThat(read.labels()).singleElement().satisfies(label -> assertThat(label)
                    .isNaN());
        }

        @Test
        void readsPastALabelColumnEvenWithAValueThatIsNoClass() {
            Read read = unlabelled("age,ward,dose,outcome\n41,north,1,unknown\n");
            assertThat(read.report().accepted()).isEqualTo(1);
            assertThat(read.report().ignoredColumns()).containsExactly("outcome");
        }

        @Test
        void stillNeedsEveryFeatureColumn() {
            assertThatThrownBy(() -> unlabelled("age,ward\n41,north\n"))
                    .isInstanceOf(TabularCsvException.class)
                    .hasMessageContaining("lacks the schema's column dose")
                    .hasMessageNotContaining("outcome");
        }
    }

    @Nested
    class Header {
        @Test
        void mapsColumnsByNameInAnyOrderAndIgnoresIdentifiers() {
            Read read = read(WARDS, "patient_id,outcome,dose,ward,age\np1,admitted,2.5,south,41\n");
            assertThat(read.cells()).singleElement().satisfies(row -> assertThat(row)
                    .containsExactly(41f, 1f, 2.5f));
            assertThat(read.labels()).containsExactly(1.0);
            assertThat(read.report().ignoredColumns()).containsExactly("patient_id");
        }

        @Test
        void dropsAByteOrderMarkAndSpacesAroundNames() {
            Read read = read(WARDS, "\uFEFFage , ward,dose,outcome\n41,north,1,home\n");
            assertThat(read.report().accepted()).isEqualTo(1);
        }

        @Test
        void namesEveryMissingColumn() {
            assertThatThrownBy(() -> read(WARDS, "age,ward\n1,north\n"))
                    .isInstanceOf(TabularCsvException.class)
                    .hasMessage("HEADER_MISMATCH: line 1: the header lacks the schema's columns dose, outcome (the"
                            + " label); the header has age, ward")
                    .extracting(e -> ((TabularCsvException) e).code())
                    .isEqualTo(TabularCsvException.Code.HEADER_MISMATCH);
        }

        @Test
        void hintsAtTheDelimiterWhenTheHeaderIsOneColumn() {
            assertThatThrownBy(() -> read(WARDS, "age;ward;dose;outcome\n"))
                    .hasMessageContaining("(is the delimiter ','?)");
        }

        @Test
        void refusesARepeatedColumnAndAnEmptyFile() {
            assertThatThrownBy(() -> read(WARDS, "age,age,ward,dose,outcome\n"))
                    .hasMessage("HEADER_MISMATCH: line 1: header repeats column 'age'");
            assertThatThrownBy(() -> read(WARDS, ""))
                    .extracting(e -> ((TabularCsvException) e).code())
                    .isEqualTo(TabularCsvException.Code.EMPTY_FILE);
        }
    }

    @Nested
    class Cells {
        @Test
        void readsMissingTokensAsNaNWhereThePolicyImputes() {
            Read read = read(WARDS, "age,ward,dose,outcome\n,NA,1,home\nNaN,?,2,home\n NA ,,3,admitted\n");
            assertThat(read.report().accepted()).isEqualTo(3);
            for (float[] row : read.cells()) {
                assertThat(row[0]).isNaN();
                assertThat(row[1]).isNaN();
            }
        }

        @Test
        void refusesAMissingCellWhereThePolicyRefuses() {
            Read read = read(WARDS, "age,ward,dose,outcome\n1,north,,home\n");
            assertThat(read.report().firstRefused())
                    .extracting(TabularCsvReport.RefusedRow::toString)
                    .containsExactly("line 2: column 'dose' is missing and its missing policy is REFUSE (declare"
                            + " MEAN or MOST_FREQUENT to impute)");
        }

        @Test
        void takesOnlyTheConfiguredMissingTokens() {
            TabularCsvOptions options = TabularCsvOptions.defaults().withMissingTokens(Set.of("-"));
            Read read = read(
                    WARDS, options, "age,ward,dose,outcome\n-,north,1,home\nNA,north,1,home\n", StandardCharsets.UTF_8);
            assertThat(read.report().accepted()).isEqualTo(1);
            assertThat(read.report().firstRefused())
                    .extracting(TabularCsvReport.RefusedRow::toString)
                    .containsExactly("line 3: column 'age' has 'NA', not a number (write numbers with '.' as the"
                            + " decimal point)");
        }

        @Test
        void readsNumbersLocaleIndependentlyAndRefusesOthers() {
            Read read = read(
                    WARDS,
                    "age,ward,dose,outcome\n 1e2 ,north,-0.5,home\n\"1,5\",north,1,home\nInfinity,north,1,home\n"
                            + "0x10,north,1,home\n1d,north,1,home\n1e39,north,1,home\n");
            assertThat(read.cells()).singleElement().satisfies(row -> assertThat(row)
                    .containsExactly(100f, 0f, -0.5f));
            assertThat(read.report().refused()).isEqualTo(5);
            assertThat(read.report().firstRefused().get(4).reason()).contains("too large");
        }

        @Test
        void mapsCategoriesToTheirIndexAndNamesAnUnknownOne() {
            Read read = read(WARDS, "age,ward,dose,outcome\n1,east,1,home\n1,west,1,home\n");
            assertThat(read.cells().get(0)[1]).isEqualTo(2f);
            assertThat(read.report().firstRefused())
                    .extracting(TabularCsvReport.RefusedRow::toString)
                    .containsExactly("line 3: column 'ward' has 'west', not among its 3 categories");
        }
    }

    @Nested
    class Labels {
        @Test
        void mapsClassNamesAndRefusesUnknownOrMissingOnes() {
            Read read = read(WARDS, "age,ward,dose,outcome\n1,east,1,admitted\n1,east,1,died\n1,east,1,\n");
            assertThat(read.labels()).containsExactly(1.0);
            assertThat(read.report().firstRefused())
                    .extracting(TabularCsvReport.RefusedRow::toString)
                    .containsExactly(
                            "line 3: label 'outcome' has 'died', not among its 2 classes",
                            "line 4: label 'outcome' is missing");
        }

        @Test
        void readsRegressionTargets() {
            Read read = read(PRICES, "rooms,price\n3,250000.5\n2,NA\n4,cheap\n");
            assertThat(read.labels()).containsExactly(250000.5);
            assertThat(read.report().firstRefused())
                    .extracting(TabularCsvReport.RefusedRow::toString)
                    .containsExactly(
                            "line 3: label 'price' is missing", "line 4: label 'price' has 'cheap', not a number");
        }
    }

    @Nested
    class FileLines {
        @Test
        void countsTheHeaderBlankLinesAndQuotedLineBreaks() {
            Read read = read(
                    WARDS, "id,age,ward,dose,outcome\n\"a\nmulti-line\nnote\",1,north,1,home\n\nb,x,north,1,home\n");
            assertThat(read.report().rows()).isEqualTo(2);
            assertThat(read.report().firstRefused())
                    .extracting(TabularCsvReport.RefusedRow::line)
                    .containsExactly(6L);
        }

        @Test
        void refusesARowWithTheWrongFieldCount() {
            Read read = read(WARDS, "age,ward,dose,outcome\n1,north,1\n");
            assertThat(read.report().firstRefused())
                    .extracting(TabularCsvReport.RefusedRow::toString)
                    .containsExactly("line 2: 3 fields where the header has 4");
        }

        @Test
        void listsTheFirstTenRefusedRowsAndCountsAll() {
            StringBuilder csv = new StringBuilder("age,ward,dose,outcome\n");
            for (int i = 0; i < 25; i++) {
                csv.append(i % 2 == 0 ? "1,north,1,home\n" : "1,west,1,home\n");
            }
            TabularCsvReport report = read(WARDS, csv.toString()).report();
            assertThat(report.rows()).isEqualTo(25);
            assertThat(report.refused()).isEqualTo(12);
            assertThat(report.firstRefused()).hasSize(TabularCsvReport.MAX_LISTED);
            assertThat(report.firstRefused().get(0).line()).isEqualTo(3);
            assertThat(report.summary()).startsWith("12 of 25 rows refused (the first 10 listed): line 3: ");
        }

        @Test
        void refusesTextThatIsNotCsvWithItsLine() {
            assertThatThrownBy(() -> read(WARDS, "age,ward,dose,outcome\n1,north,1,home\n1,\"north,1,home\n"))
                    .extracting(e -> ((TabularCsvException) e).code())
                    .isEqualTo(TabularCsvException.Code.MALFORMED_CSV);
        }
    }

    @Nested
    class Options {
        @Test
        void readsOtherDelimitersAndEncodings() {
            UclSchema towns = new UclSchema(
                    List.of(FeatureSpec.categorical("town", List.of("Orléans", "Nîmes"), null)),
                    new LabelSpec("y", List.of("a", "b")),
                    Task.CLASSIFICATION);
            TabularCsvOptions latin1 = TabularCsvOptions.defaults()
                    .withDelimiter(TabularCsvOptions.parseDelimiter("semicolon"))
                    .withEncoding(StandardCharsets.ISO_8859_1);
            Read read = read(towns, latin1, "town;y\nNîmes;b\n", StandardCharsets.ISO_8859_1);
            assertThat(read.cells().get(0)).containsExactly(1f);

            assertThatThrownBy(() -> read(
                            towns,
                            TabularCsvOptions.defaults().withDelimiter(';'),
                            "town;y\nNîmes;b\n",
                            StandardCharsets.ISO_8859_1))
                    .extracting(e -> ((TabularCsvException) e).code())
                    .isEqualTo(TabularCsvException.Code.BAD_ENCODING);
            assertThat(TabularCsvOptions.parseDelimiter("tab")).isEqualTo('\t');
            assertThatThrownBy(() -> TabularCsvOptions.parseDelimiter(";;")).hasMessageContaining("one character");
        }

        @Test
        void namesAMissingFile(@TempDir Path dir) {
            assertThatThrownBy(() -> new TabularCsvReader(WARDS, TabularCsvOptions.defaults())
                            .read(dir.resolve("absent.csv"), (row, label) -> {}))
                    .hasMessageContaining("NO_SUCH_FILE: no such file: ")
                    .hasMessageEndingWith("absent.csv");
        }
    }

    @Test
    void buildsTabularRowsAsOneConsumer() {
        TabularRows.Builder builder = TabularRows.builder(WARDS);
        new TabularCsvReader(WARDS, TabularCsvOptions.defaults())
                .read(
                        new ByteArrayInputStream("age,ward,dose,outcome\n41,south,2,admitted\n,,3,home\n"
                                .getBytes(StandardCharsets.UTF_8)),
                        builder::add);
        TabularRows rows = builder.build();
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.row(0)).containsExactly(41f, 1f, 2f);
        assertThat(rows.cell(1, 1)).isNaN();
        assertThat(rows.label(1)).isEqualTo(0.0);
    }
}
