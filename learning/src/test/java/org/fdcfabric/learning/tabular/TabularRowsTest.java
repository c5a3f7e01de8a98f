package org.fdcfabric.learning.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Test;

class TabularRowsTest {
    private static final UclSchema SCHEMA = new UclSchema(
            List.of(
                    FeatureSpec.numeric("age", MissingPolicy.MEAN),
                    FeatureSpec.categorical("ward", List.of("north", "south"), MissingPolicy.MOST_FREQUENT)),
            new LabelSpec("outcome", List.of("home", "admitted")),
            Task.CLASSIFICATION);

    @Test
    void keepsCellsMissingMarksAndLabelsInOrder() {
        TabularRows rows = TabularRows.builder(SCHEMA)
                .add(new float[] {41.5f, 1}, 0)
                .add(new float[] {Float.NaN, Float.NaN}, 1)
                .build();
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.row(0)).containsExactly(41.5f, 1f);
        assertThat(rows.cell(1, 0)).isNaN();
        assertThat(rows.label(1)).isEqualTo(1.0);
    }

    @Test
    void aSubsetKeepsTheChosenRowsInTheGivenOrder() {
        TabularRows rows = TabularRows.builder(SCHEMA)
                .add(new float[] {10, 0}, 0)
                .add(new float[] {Float.NaN, 1}, 1)
                .add(new float[] {30, Float.NaN}, 0)
                .build();
        TabularRows subset = rows.subset(new int[] {2, 1});
        assertThat(subset.schema()).isEqualTo(SCHEMA);
        assertThat(subset.size()).isEqualTo(2);
        assertThat(subset.cell(0, 0)).isEqualTo(30f);
        assertThat(subset.cell(0, 1)).isNaN();
        assertThat(subset.cell(1, 0)).isNaN();
        assertThat(subset.label(1)).isEqualTo(1.0);
        assertThat(rows.subset(new int[0]).size()).isZero();
        assertThatThrownBy(() -> rows.subset(new int[] {3})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesRowsThatDoNotFitTheSchema() {
        TabularRows.Builder builder = TabularRows.builder(SCHEMA);
        assertThatThrownBy(() -> builder.add(new float[] {1}, 0)).hasMessageContaining("1 cells");
        assertThatThrownBy(() -> builder.add(new float[] {1, 2}, 0)).hasMessageContaining("ward has no category");
        assertThatThrownBy(() -> builder.add(new float[] {1, 0.5f}, 0)).hasMessageContaining("ward has no category");
        assertThatThrownBy(() -> builder.add(new float[] {Float.POSITIVE_INFINITY, 0}, 0))
                .hasMessageContaining("age is not finite");
        assertThatThrownBy(() -> builder.add(new float[] {1, 0}, 2)).hasMessageContaining("no class with index 2");
        assertThatThrownBy(() -> builder.add(new float[] {1, 0}, Double.NaN)).hasMessageContaining("missing");
        assertThat(builder.size()).isZero();
    }

    @Test
    void growsPastItsInitialCapacity() {
        TabularRows.Builder builder = TabularRows.builder(SCHEMA);
        for (int i = 0; i < 1000; i++) {
            builder.add(new float[] {i, i % 2}, i % 2);
        }
        TabularRows rows = builder.build();
        assertThat(rows.size()).isEqualTo(1000);
        assertThat(rows.cell(999, 0)).isEqualTo(999f);
    }
}
