package org.fdcfabric.learning.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    private static RegressionMetrics of(double[] predictions, double[] truths) {
        RegressionMetrics metrics = new RegressionMetrics();
        for (int i = 0; i < predictions.length; i++) {
            metrics.add(predictions[i], truths[i]);
        }
        return metrics;
    }

    @Test
    void handComputedMseMaeAndR2() {
        // truths 1, 2, 3, 4 (mean 2.5, SST 5); errors +0.5, -0.5, 0, +1: SSE 1.5, |e| sum 2
        Map<String, Double> m =
                of(new double[] {1.5, 1.5, 3, 5}, new double[] {1, 2, 3, 4}).metrics();
        assertThat(m.get("mse")).isCloseTo(1.5 / 4, within(1e-12));
        assertThat(m.get("mae")).isCloseTo(2.0 / 4, within(1e-12));
        assertThat(m.get("r2")).isCloseTo(1 - 1.5 / 5, within(1e-12));
        assertThat(m.get("target_mean")).isCloseTo(2.5, within(1e-12));
        assertThat(m.get("target_variance")).isCloseTo(5.0 / 4, within(1e-12));
    }

    @Test
    void predictingTheMeanScoresR2Zero_andAConstantTargetNeverGivesNaN() {
        assertThat(of(new double[] {2.5, 2.5, 2.5, 2.5}, new double[] {1, 2, 3, 4})
                        .metrics()
                        .get("r2"))
                .isCloseTo(0, within(1e-12));
        assertThat(of(new double[] {7, 7}, new double[] {7, 7}).metrics().get("r2"))
                .isEqualTo(1.0);
        assertThat(of(new double[] {6, 8}, new double[] {7, 7}).metrics().get("r2"))
                .isEqualTo(0.0);
    }

    /** Pooled parts must equal the metrics of all the rows at once, including R² across the parts' means. */
    @Test
    void poolingPartsEqualsScoringTheUnion() {
        double[] p1 = {1.5, 1.5, 3};
        double[] t1 = {1, 2, 3};
        double[] p2 = {10, 12, 9.5, 11};
        double[] t2 = {10.5, 11, 10, 11};
        Map<String, Double> pooled = RegressionMetrics.pool(List.of(
                new RegressionMetrics.Part(3, of(p1, t1).metrics()),
                new RegressionMetrics.Part(0, Map.of()),
                new RegressionMetrics.Part(4, of(p2, t2).metrics())));
        Map<String, Double> union = of(
                        new double[] {1.5, 1.5, 3, 10, 12, 9.5, 11}, new double[] {1, 2, 3, 10.5, 11, 10, 11})
                .metrics();
        for (String name : List.of("mse", "mae", "r2", "target_mean", "target_variance")) {
            assertThat(pooled.get(name)).as(name).isCloseTo(union.get(name), within(1e-12));
        }
    }

    @Test
    void poolingRefusesAPartWithoutTheTargetStatistics() {
        assertThatThrownBy(() -> RegressionMetrics.pool(List.of(new RegressionMetrics.Part(3, Map.of("mse", 1.0)))))
                .hasMessageContaining("mae");
    }
}
