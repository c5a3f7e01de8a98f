package org.fdcfabric.datacenter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.store.TableManifest;
import org.fdcfabric.datacenter.store.TableStore;
import org.fdcfabric.datacenter.store.TestCenter;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSplitTest {
    private static final UclSchema SCHEMA = new UclSchema(
            List.of(
                    FeatureSpec.numeric("age", MissingPolicy.MEAN),
                    FeatureSpec.categorical("ward", List.of("north", "south"), MissingPolicy.MOST_FREQUENT)),
            new LabelSpec("outcome", List.of("home", "admitted")),
            Task.CLASSIFICATION);

    @TempDir
    Path dir;

    /** Rows {@code first..first+count-1}, each distinct, with a missing age now and then. */
    private static List<float[]> rows(int first, int count) {
        List<float[]> rows = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            rows.add(new float[] {i % 11 == 0 ? Float.NaN : i, i % 2});
        }
        return rows;
    }

    private static TableManifest store(TestCenter center, List<float[]> rows) {
        try (TableStore.TableImport staged = center.store.tables().begin("ward-stays", SCHEMA)) {
            for (float[] row : rows) {
                staged.add(row, row[1] == 0 ? 0 : 1);
            }
            return staged.commit("test");
        }
    }

    private static Set<String> keys(TabularRows rows) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            keys.add(java.util.Arrays.toString(rows.row(i)) + "|" + rows.label(i));
        }
        return keys;
    }

    @Test
    void holdsOutAboutTheShareByRowContentWhateverTheOrder() {
        List<float[]> rows = rows(0, 3000);
        CenterDataset forward;
        CenterDataset reversed;
        try (TestCenter center = new TestCenter(dir.resolve("a"))) {
            forward = TableSplit.byRowContent(center.store.tables(), store(center, rows), 20);
        }
        List<float[]> backwards = new ArrayList<>(rows);
        java.util.Collections.reverse(backwards);
        try (TestCenter center = new TestCenter(dir.resolve("b"))) {
            reversed = TableSplit.byRowContent(center.store.tables(), store(center, backwards), 20);
        }

        assertThat(forward.train().size() + forward.test().size()).isEqualTo(3000);
        // 600 expected; a binomial's standard deviation here is about 22
        assertThat(forward.test().size()).isBetween(500, 700);
        assertThat(keys(reversed.test())).isEqualTo(keys(forward.test()));
        assertThat(keys(reversed.train())).isEqualTo(keys(forward.train()));
        assertThat(keys(forward.train())).doesNotContainAnyElementsOf(keys(forward.test()));
        assertThat(forward.train().schema()).isEqualTo(SCHEMA);
    }

    @Test
    void aDuplicatedRowLandsOnOneSide() {
        List<float[]> rows = rows(0, 200);
        List<float[]> doubled = new ArrayList<>(rows);
        doubled.addAll(rows(0, 200));
        try (TestCenter center = new TestCenter(dir.resolve("c"))) {
            CenterDataset split = TableSplit.byRowContent(center.store.tables(), store(center, doubled), 30);

            assertThat(split.train().size() + split.test().size()).isEqualTo(400);
            assertThat(split.train().size() % 2).isZero();
            assertThat(keys(split.train())).doesNotContainAnyElementsOf(keys(split.test()));
        }
    }

    @Test
    void refusesRowsThatNoLongerGiveTheImportedRoot() throws Exception {
        try (TestCenter center = new TestCenter(dir.resolve("d"))) {
            TableManifest manifest = store(center, rows(0, TableStore.CHUNK_ROWS + 5));
            // a chunk lost from the database (each chunk's seal cannot tell that a whole chunk is missing)
            try (Connection c = DriverManager.getConnection(
                            center.config.jdbcUrl(), center.config.user(), center.config.password());
                    PreparedStatement delete = c.prepareStatement("DELETE FROM tabular_chunk WHERE chunk_no = 1")) {
                assertThat(delete.executeUpdate()).isOne();
            }

            assertThatThrownBy(() -> TableSplit.byRowContent(center.store.tables(), manifest, 20))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds " + TableStore.CHUNK_ROWS + " rows")
                    .hasMessageContaining("imported with " + (TableStore.CHUNK_ROWS + 5) + " rows")
                    .hasMessageContaining("import it again");
        }
    }

    @Test
    void refusesASplitLeftEmpty() {
        try (TestCenter center = new TestCenter(dir.resolve("e"))) {
            TableManifest manifest = store(center, rows(1, 1));

            assertThatThrownBy(() -> TableSplit.byRowContent(center.store.tables(), manifest, 20))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("both splits need some");
            assertThatThrownBy(() -> TableSplit.byRowContent(center.store.tables(), manifest, 0))
                    .hasMessageContaining("1-99 percent");
        }
    }
}
