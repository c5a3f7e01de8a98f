package org.fdcfabric.compute.aggregation.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fdcfabric.compute.aggregation.FedAvg;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelWeights;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RobustModelAggregationTest {
    static final String HASH = "a".repeat(64);
    final ModelArchitecture spec = ModelArchitecture.logistic(10, 3);
    final Random random = new Random(5);
    final ModelWeights global = weights(0, 0.5);
    final List<WeightedUpdate> honest = new ArrayList<>();

    RobustModelAggregationTest() {
        for (int i = 0; i < 4; i++) {
            honest.add(new WeightedUpdate("ds-school-" + i, weights(1, 0.05), 100 + 10L * i));
        }
    }

    ModelWeights weights(double shift, double noise) {
        float[] v = new float[spec.parameterCount()];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) (shift + noise * random.nextGaussian());
        }
        return ModelWeights.of(spec, HASH, v);
    }

    @Nested
    class InTheCoordinatorsRound {
        @Test
        void fedAvgOverDeltasGivesTheCoordinatorsFedAvgModel() {
            ModelWeights plain = new FedAvg().average(honest);
            RobustModelAggregation.Result result =
                    new RobustModelAggregation(RobustAggregators.byName("fedavg")).aggregate(global, honest);

            assertThat(result.model().distanceTo(plain)).isLessThan(1e-5);
            assertThat(result.detail().flagged()).isEmpty();
        }

        @Test
        void aScaledUpdateIsKeptOutAndNamedByItsDataset() {
            float[] g = global.values();
            float[] poisoned = honest.get(0).weights().values();
            for (int j = 0; j < poisoned.length; j++) {
                poisoned[j] = g[j] + 100 * (poisoned[j] - g[j]);
            }
            List<WeightedUpdate> updates = new ArrayList<>(honest);
            updates.add(new WeightedUpdate("ds-school-x", ModelWeights.of(spec, HASH, poisoned), 100));

            RobustModelAggregation.Result result = new RobustModelAggregation(
                            RobustAggregators.byName("multi-krum:f=1,m=3"))
                    .aggregate(global, updates);

            assertThat(result.model().distanceTo(new FedAvg().average(honest)))
                    .isLessThan(0.1 * new FedAvg().average(updates).distanceTo(new FedAvg().average(honest)));
            assertThat(result.detail().flagged())
                    .extracting(UpdateVerdict::centerId)
                    .contains("ds-school-x");
        }

        @Test
        void anUpdateForAnotherModelIsRefused() {
            List<WeightedUpdate> updates = new ArrayList<>(honest);
            updates.add(new WeightedUpdate(
                    "ds-other", ModelWeights.of(ModelArchitecture.logistic(9, 3), HASH, new float[30]), 10));

            assertThatThrownBy(() ->
                            new RobustModelAggregation(RobustAggregators.byName("median")).aggregate(global, updates))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ds-other");
        }
    }
}
