package org.fdcfabric.datacenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.datacenter.store.imports.TableImporter;
import org.fdcfabric.learning.tabular.TabularCsvException;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.protocol.merkle.MerkleTree;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableImportTest {
    private static final UclSchema SCHEMA = new UclSchema(
            List.of(
                    FeatureSpec.numeric("age", MissingPolicy.MEAN),
                    FeatureSpec.categorical("ward", List.of("north", "south"), MissingPolicy.MOST_FREQUENT)),
            new LabelSpec("outcome", List.of("home", "admitted")),
            Task.CLASSIFICATION);

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static TableImporter.Outcome importFile(TestCenter center, Path file) {
        return new TableImporter(center.store.tables())
                .importFile("ward-stays", file, SCHEMA, TabularCsvOptions.defaults(), TableImporter.Progress.NONE);
    }

    private static long stagedChunks(TestCenter center) {
        return center.database.inTransaction(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM tabular_chunk");
                    ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Test
    void storesSealedRowsWhoseMerkleRootCommitsToThemAndLoadsThemBack() throws IOException {
        StringBuilder text = new StringBuilder("id,age,ward,outcome\n");
        for (int i = 0; i < TableStore.CHUNK_ROWS + 10; i++) {
            text.append("p")
                    .append(i)
                    .append(',')
                    .append(i % 7 == 0 ? "" : String.valueOf(20 + i % 60))
                    .append(',')
                    .append(i % 2 == 0 ? "north" : "south")
                    .append(',')
                    .append(i % 3 == 0 ? "admitted" : "home")
                    .append('\n');
        }
        Path file = csv("stays.csv", text.toString());
        try (TestCenter center = new TestCenter(dir.resolve("center"))) {
            TableImporter.Outcome outcome = importFile(center, file);
            TableManifest manifest = outcome.stored().orElseThrow();
            assertThat(manifest.rowCount()).isEqualTo(TableStore.CHUNK_ROWS + 10);
            assertThat(outcome.report().ignoredColumns()).containsExactly("id");

            TabularRows rows = center.store.tables().load("ward-stays");
            assertThat(rows.size()).isEqualTo(TableStore.CHUNK_ROWS + 10);
            assertThat(rows.cell(0, 0)).isNaN();
            assertThat(rows.row(1)).containsExactly(21f, 1f);
            assertThat(rows.label(3)).isEqualTo(1.0);
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                leaves.add(TableRecord.of(rows.row(i), rows.label(i)).canonicalBytes());
            }
            assertThat(manifest.merkleRoot()).isEqualTo(MerkleTree.of(leaves).rootHex());
            assertThat(new String(leaves.get(1), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"cells\":[21,1],\"label\":0}");
            assertThat(new String(leaves.get(0), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"cells\":[null,0],\"label\":1}");
        }
        try (TestCenter reopened = new TestCenter(dir.resolve("center"))) {
            assertThat(reopened.store.tables().tableIds()).containsExactly("ward-stays");
            assertThat(reopened.store
                            .tables()
                            .manifest("ward-stays")
                            .orElseThrow()
                            .schema())
                    .isEqualTo(SCHEMA);
        }
    }

    @Test
    void aFileWithABadRowStoresNothingAndKeepsThePreviousTable() throws IOException {
        try (TestCenter center = new TestCenter(dir.resolve("center"))) {
            TableManifest first = importFile(center, csv("good.csv", "age,ward,outcome\n1,north,home\n"))
                    .stored()
                    .orElseThrow();
            TableImporter.Outcome refused = importFile(
                    center, csv("bad.csv", "age,ward,outcome\n2,north,home\n3,west,home\n4,south,admitted\n"));
            assertThat(refused.stored()).isEmpty();
            assertThat(refused.report().summary())
                    .isEqualTo("1 of 3 rows refused: line 3: column 'ward' has 'west', not among its 2 categories");
            assertThat(center.store.tables().manifest("ward-stays")).contains(first);
            assertThat(center.store.tables().load("ward-stays").size()).isEqualTo(1);
            assertThat(stagedChunks(center)).isEqualTo(1);

            assertThatThrownBy(() -> importFile(center, csv("header.csv", "age,outcome\n1,home\n")))
                    .isInstanceOf(TabularCsvException.class)
                    .hasMessageContaining("HEADER_MISMATCH");
            assertThatThrownBy(() -> importFile(center, dir.resolve("absent.csv")))
                    .hasMessageContaining("NO_SUCH_FILE");
            assertThat(stagedChunks(center)).isEqualTo(1);
            assertThat(center.store.tables().manifest("ward-stays")).contains(first);
        }
    }

    @Test
    void aSecondImportReplacesTheFirstWhole() throws IOException {
        try (TestCenter center = new TestCenter(dir.resolve("center"))) {
            importFile(center, csv("one.csv", "age,ward,outcome\n1,north,home\n2,north,home\n"));
            TableManifest second = importFile(center, csv("two.csv", "age,ward,outcome\n9,south,admitted\n"))
                    .stored()
                    .orElseThrow();
            assertThat(second.source()).isEqualTo("two.csv");
            assertThat(center.store.tables().load("ward-stays").row(0)).containsExactly(9f, 1f);
            assertThat(stagedChunks(center)).isEqualTo(1);
            assertThatThrownBy(() -> center.store.tables().load("other"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("no table other");
        }
    }
}
