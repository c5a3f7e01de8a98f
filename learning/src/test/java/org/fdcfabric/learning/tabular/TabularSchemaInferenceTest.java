package org.fdcfabric.learning.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Test;

class TabularSchemaInferenceTest {
    private static TabularSchemaInference.Inferred infer(String csv, String label) {
        return new TabularSchemaInference(TabularCsvOptions.defaults())
                .infer(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), label);
    }

    @Test
    void typesColumnsByContentSortsVocabulariesAndSuggestsMissingPolicies() {
        TabularSchemaInference.Inferred inferred = infer(
                "Patient Id,age,ward,outcome\np1,41,south,home\np2,,north,admitted\np3,7.5,,home\np4,3,south,home\n",
                "outcome");
        assertThat(inferred.rows()).isEqualTo(4);
        assertThat(inferred.schema())
                .isEqualTo(new UclSchema(
                        List.of(
                                FeatureSpec.numeric("age", MissingPolicy.MEAN),
                                FeatureSpec.categorical(
                                        "ward", List.of("north", "south"), MissingPolicy.MOST_FREQUENT)),
                        new LabelSpec("outcome", List.of("admitted", "home")),
                        Task.CLASSIFICATION));
        assertThat(inferred.notes())
                .anySatisfy(note -> assertThat(note).startsWith("column 'Patient Id' left out"))
                .anySatisfy(note -> assertThat(note).startsWith("column 'age' has 1 missing cells: suggested MEAN"));
    }

    @Test
    void takesAManyValuedNumericLabelAsARegressionTargetAndAFewValuedOneAsClasses() {
        StringBuilder prices = new StringBuilder("rooms,price\n");
        StringBuilder grades = new StringBuilder("rooms,grade\n");
        for (int i = 0; i < 50; i++) {
            prices.append(i % 5).append(',').append(1000 + i * 10).append('\n');
            grades.append(i % 5).append(',').append(i % 3 == 0 ? "10" : "9").append('\n');
        }
        TabularSchemaInference.Inferred regression = infer(prices.toString(), null);
        assertThat(regression.schema().task()).isEqualTo(Task.REGRESSION);
        assertThat(regression.schema().label()).isEqualTo(new LabelSpec("price", List.of()));
        TabularSchemaInference.Inferred classes = infer(grades.toString(), null);
        assertThat(classes.schema().task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(classes.schema().label().classes()).containsExactly("9", "10");
    }

    @Test
    void leavesOutAColumnWithMoreDistinctTextsThanAVocabularyHolds() {
        StringBuilder csv = new StringBuilder("id,y\n");
        for (int i = 0; i < 1100; i++) {
            csv.append("row-")
                    .append(i)
                    .append(',')
                    .append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        TabularSchemaInference.Inferred inferred = infer(csv.toString(), "y");
        assertThat(inferred.schema().features()).isEmpty();
        assertThat(inferred.notes()).anySatisfy(note -> assertThat(note).contains("more than 1024 distinct texts"));
    }

    @Test
    void namesAnAbsentLabelColumn() {
        assertThatThrownBy(() -> infer("a,b\n1,2\n", "outcome"))
                .hasMessage("HEADER_MISMATCH: line 1: no label column 'outcome'; the header has a, b");
    }
}
