package org.fdcfabric.compute.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerKind;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ServerOptimizerTest {
    private static final ModelArchitecture SPEC = ModelArchitecture.linear(1, 1); // two parameters: w, bias
    private static final String HASH = "ab".repeat(32);

    private static ModelWeights model(float w, float b) {
        return ModelWeights.of(SPEC, HASH, new float[] {w, b});
    }

    /** beta1 0.5, beta2 0.75, tau 0.1, eta 0.2: numbers easy to follow by hand. */
    private static ServerOptimizerTerms terms(ServerOptimizerKind kind) {
        return new ServerOptimizerTerms(kind, 0.2, 0.5, 0.75, 0.1);
    }

    @Nested
    class FedAdam {
        @Test
        void twoStepsMatchTheHandComputedUpdate() {
            ServerOptimizer adam = new ServerOptimizer(terms(ServerOptimizerKind.FEDADAM));
            // step 1: x = (1, 0), aggregate (3, -1): delta = (2, -1)
            // m = 0.5 * 0 + 0.5 * delta = (1, -0.5)
            // v = 0.75 * 0.01 + 0.25 * delta^2 = (0.0075 + 1, 0.0075 + 0.25) = (1.0075, 0.2575)
            // x = x + 0.2 m / (sqrt(v) + 0.1)
            ModelWeights x1 = adam.apply(model(1, 0), model(3, -1));
            double w1 = 1 + 0.2 * 1 / (Math.sqrt(1.0075) + 0.1);
            double b1 = 0 + 0.2 * -0.5 / (Math.sqrt(0.2575) + 0.1);
            assertThat((double) x1.valueAt(0)).isCloseTo(w1, within(1e-6));
            assertThat((double) x1.valueAt(1)).isCloseTo(b1, within(1e-6));
            assertThat(adam.state().steps()).isEqualTo(1);
            assertThat(adam.state().m()).containsExactly(new double[] {1, -0.5}, within(1e-12));
            assertThat(adam.state().v()).containsExactly(new double[] {1.0075, 0.2575}, within(1e-12));

            // step 2: aggregate equals x1 + (0.5, 0.5): delta = (0.5, 0.5) (in float arithmetic)
            double d0 = (double) (float) (x1.valueAt(0) + 0.5f) - x1.valueAt(0);
            double d1 = (double) (float) (x1.valueAt(1) + 0.5f) - x1.valueAt(1);
            ModelWeights x2 = adam.apply(x1, model(x1.valueAt(0) + 0.5f, x1.valueAt(1) + 0.5f));
            double m0 = 0.5 * 1 + 0.5 * d0;
            double m1 = 0.5 * -0.5 + 0.5 * d1;
            double v0 = 0.75 * 1.0075 + 0.25 * d0 * d0;
            double v1 = 0.75 * 0.2575 + 0.25 * d1 * d1;
            assertThat((double) x2.valueAt(0))
                    .isCloseTo(x1.valueAt(0) + 0.2 * m0 / (Math.sqrt(v0) + 0.1), within(1e-6));
            assertThat((double) x2.valueAt(1))
                    .isCloseTo(x1.valueAt(1) + 0.2 * m1 / (Math.sqrt(v1) + 0.1), within(1e-6));
        }

        @Test
        void aRoundWithoutMovementLeavesMomentumToCarryOn() {
            ServerOptimizer adam = new ServerOptimizer(terms(ServerOptimizerKind.FEDADAM));
            ModelWeights x1 = adam.apply(model(0, 0), model(1, 1));
            ModelWeights x2 = adam.apply(x1, x1); // delta 0: m halves, the model still moves along it
            assertThat(x2.valueAt(0)).isGreaterThan(x1.valueAt(0));
        }
    }

    @Nested
    class FedYogi {
        @Test
        void vMovesAdditivelyTowardDeltaSquared() {
            ServerOptimizer yogi = new ServerOptimizer(terms(ServerOptimizerKind.FEDYOGI));
            // v0 = 0.01; delta = (2, -1): delta^2 = (4, 1) > v0, sign(v0 - delta^2) = -1
            // v = 0.01 + 0.25 * delta^2 = (1.01, 0.26)
            ModelWeights x1 = yogi.apply(model(1, 0), model(3, -1));
            assertThat(yogi.state().v()).containsExactly(new double[] {1.01, 0.26}, within(1e-12));
            assertThat((double) x1.valueAt(0)).isCloseTo(1 + 0.2 * 1 / (Math.sqrt(1.01) + 0.1), within(1e-6));
            // delta = (0, 0): delta^2 = 0 < v, sign = +1, v stays (minus 0)
            yogi.apply(x1, x1);
            assertThat(yogi.state().v()).containsExactly(new double[] {1.01, 0.26}, within(1e-12));
            // a small delta (0.1): v = 1.01 - 0.25 * 0.01 = 1.0075 for the weight: v shrinks, unlike Adam's decay
            yogi.apply(model(5, 5), model(5.1f, 5));
            double d = (double) 5.1f - 5;
            assertThat(yogi.state().v()[0]).isCloseTo(1.01 - 0.25 * d * d, within(1e-12));
        }
    }

    @Nested
    class Plain {
        @Test
        void withoutAnOptimizerTheAggregateIsTheNextModelAndThereIsNoState() {
            ServerOptimizer none = new ServerOptimizer(ServerOptimizerTerms.NONE);
            ModelWeights aggregate = model(3, -1);
            assertThat(none.apply(model(1, 0), aggregate)).isSameAs(aggregate);
            assertThat(none.active()).isFalse();
            assertThat(none.state()).isEqualTo(ServerOptimizer.State.EMPTY);
        }
    }

    @Nested
    class State {
        @Test
        void encodesBitForBitAndARestoredOptimizerContinuesIdentically() {
            ServerOptimizer a = new ServerOptimizer(terms(ServerOptimizerKind.FEDADAM));
            ModelWeights x1 = a.apply(model(1, 0), model(3, -1));
            ServerOptimizer.State stored =
                    ServerOptimizer.State.decode(a.state().encode());
            assertThat(stored).isEqualTo(a.state());

            ServerOptimizer b = new ServerOptimizer(terms(ServerOptimizerKind.FEDADAM));
            b.restore(stored);
            assertThat(b.apply(x1, model(2, 2)).values())
                    .containsExactly(a.apply(x1, model(2, 2)).values());
        }

        @Test
        void aDamagedStateIsRefused() {
            byte[] bytes = new ServerOptimizer.State(1, new double[] {1}, new double[] {2}).encode();
            assertThatThrownBy(() -> ServerOptimizer.State.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                    .hasMessageContaining("bytes of values");
            bytes[0] = 'X';
            assertThatThrownBy(() -> ServerOptimizer.State.decode(bytes)).hasMessageContaining("magic");
        }

        @Test
        void aStateOfAnotherModelSizeIsRefused() {
            ServerOptimizer a = new ServerOptimizer(terms(ServerOptimizerKind.FEDADAM));
            a.restore(new ServerOptimizer.State(1, new double[] {1, 2, 3}, new double[] {1, 2, 3}));
            assertThatThrownBy(() -> a.apply(model(1, 0), model(3, -1))).hasMessageContaining("3 parameters");
        }
    }
}
