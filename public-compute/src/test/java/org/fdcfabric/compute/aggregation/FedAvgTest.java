package org.fdcfabric.compute.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelWeights;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FedAvgTest {
    private static final String HASH = "ab".repeat(32);
    private static final ModelArchitecture SPEC = ModelArchitecture.logistic(2, 2); // 6 parameters

    private static ModelWeights weights(float... values) {
        return ModelWeights.of(SPEC, HASH, values);
    }

    @Nested
    class Average {
        @Test
        void weightsEachUpdateByItsSampleCount() {
            ModelWeights a = weights(1, 2, 3, 4, 5, 6);
            ModelWeights b = weights(3, 2, 1, 0, -1, 10);
            ModelWeights avg =
                    new FedAvg().average(List.of(new WeightedUpdate("a", a, 100), new WeightedUpdate("b", b, 300)));
            // 0.25 a + 0.75 b
            assertThat(avg.values()).containsExactly(2.5f, 2f, 1.5f, 1f, 0.5f, 9f);
        }

        @Test
        void equalCountsGiveThePlainMeanAndOneUpdateIsItself() {
            ModelWeights a = weights(1, 1, 1, 1, 1, 1);
            ModelWeights b = weights(3, 3, 3, 3, 3, 3);
            assertThat(new FedAvg()
                            .average(List.of(new WeightedUpdate("a", a, 7), new WeightedUpdate("b", b, 7)))
                            .values())
                    .containsOnly(2f);
            assertThat(new FedAvg()
                            .average(List.of(new WeightedUpdate("a", a, 7)))
                            .values())
                    .containsOnly(1f);
        }

        @Test
        void doesNotDependOnArrivalOrderAndMatchesADoublePrecisionReferenceAcrossBlocks() {
            ModelArchitecture spec =
                    ModelArchitecture.mlp(180, List.of(64), 4); // 11,844 parameters: three accumulation blocks
            SplittableRandom random = new SplittableRandom(3);
            List<WeightedUpdate> updates = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                float[] v = new float[spec.parameterCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian();
                }
                updates.add(new WeightedUpdate("c" + k, ModelWeights.of(spec, HASH, v), 100 + 37L * k));
            }
            float[] forward = new FedAvg().average(updates).values();
            List<WeightedUpdate> reversed = new ArrayList<>(updates);
            java.util.Collections.reverse(reversed);
            assertThat(new FedAvg().average(reversed).values()).containsExactly(forward);
            long total = updates.stream().mapToLong(WeightedUpdate::samples).sum();
            for (int i = 0; i < forward.length; i += 7) {
                double expected = 0;
                for (WeightedUpdate u : updates) {
                    expected += (double) u.samples() / total * u.weights().valueAt(i);
                }
                assertThat((double) forward[i]).isCloseTo(expected, within(1e-5));
            }
        }

        @Test
        void rejectsEmptyInputsAndMismatchedModels() {
            assertThatThrownBy(() -> new FedAvg().average(List.of())).hasMessageContaining("nothing");
            ModelWeights other = ModelWeights.of(ModelArchitecture.logistic(3, 2), HASH, new float[8]);
            assertThatThrownBy(() -> new FedAvg()
                            .average(List.of(
                                    new WeightedUpdate("a", weights(1, 2, 3, 4, 5, 6), 1),
                                    new WeightedUpdate("b", other, 1))))
                    .hasMessageContaining("another model spec");
            assertThatThrownBy(() -> new WeightedUpdate("a", weights(1, 2, 3, 4, 5, 6), 0))
                    .hasMessageContaining("at least one sample");
        }
    }

    @Nested
    class Distance {
        @Test
        void isTheEuclideanNormOfTheDifference() {
            assertThat(weights(0, 0, 0, 0, 0, 0).distanceTo(weights(3, 4, 0, 0, 0, 0)))
                    .isEqualTo(5.0);
        }
    }
}
