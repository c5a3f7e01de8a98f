package org.fdcfabric.learning.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DatasetSchemaTest {
    @Nested
    class Ucl {
        @Test
        void hashIsTheUclSchemaHashAndSurvivesTheRoundTrip() {
            UclSchema ucl = GaussianBlobs.SCHEMA.toUcl();
            assertThat(GaussianBlobs.SCHEMA.hash()).isEqualTo(ucl.hash()).matches("[0-9a-f]{64}");
            assertThat(DatasetSchema.fromUcl(ucl)).isEqualTo(GaussianBlobs.SCHEMA);
            assertThat(GaussianBlobs.REGRESSION.hash()).isNotEqualTo(GaussianBlobs.SCHEMA.hash());
        }

        @Test
        void refusesCategoricalFeatures() {
            UclSchema ucl = new UclSchema(
                    List.of(new FeatureSpec("colour", FeatureType.CATEGORICAL)),
                    new LabelSpec("y", List.of("a", "b")),
                    Task.CLASSIFICATION);
            assertThatThrownBy(() -> DatasetSchema.fromUcl(ucl)).hasMessageContaining("numeric features only");
        }
    }

    @Nested
    class Validation {
        @Test
        void rejectsDuplicateFeaturesMissingClassesAndLabelAsFeature() {
            assertThatThrownBy(() -> new DatasetSchema(List.of("a", "a"), "y", List.of("p", "q"), Task.CLASSIFICATION))
                    .hasMessageContaining("unique");
            assertThatThrownBy(() -> new DatasetSchema(List.of("a"), "y", List.of("p"), Task.CLASSIFICATION))
                    .hasMessageContaining("two classes");
            assertThatThrownBy(() -> new DatasetSchema(List.of("a", "y"), "y", List.of(), Task.REGRESSION))
                    .hasMessageContaining("must not also be a feature");
        }

        @Test
        void columnOrderIsLexicographic() {
            assertThat(GaussianBlobs.SCHEMA.columnOrder())
                    .isSorted()
                    .containsExactlyInAnyOrderElementsOf(GaussianBlobs.SCHEMA.featureNames());
        }
    }
}
