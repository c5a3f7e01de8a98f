package org.fdcfabric.compute.aggregation;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerKind;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;

/**
 * The coordinator's server optimizer (Reddi et al. 2021, "Adaptive Federated Optimization", Algorithm 2). It acts on
 * the round's aggregate, whatever produced it (FedAvg, a robust rule, or the sum secure aggregation reveals): the
 * aggregate minus the global model is the pseudo-gradient {@code delta}, and per parameter
 *
 * <pre>
 * m = beta1 m + (1 - beta1) delta
 * v = beta2 v + (1 - beta2) delta^2                      (FedAdam)
 * v = v - (1 - beta2) delta^2 sign(v - delta^2)          (FedYogi)
 * x = x + eta m / (sqrt(v) + tau)
 * </pre>
 *
 * with m starting at 0 and v at tau^2, and no bias correction (as in the paper). With no optimizer the aggregate is
 * the next model as it is. The state is kept in doubles, computed in a fixed order, and {@link State#encode()
 * encoded} bit for bit, so a resumed job continues exactly where the stored state left off.
 */
public final class ServerOptimizer {
    private final ServerOptimizerTerms terms;
    private State state = State.EMPTY;

    public ServerOptimizer(ServerOptimizerTerms terms) {
        this.terms = Objects.requireNonNull(terms, "terms");
    }

    public boolean active() {
        return terms.kind() != ServerOptimizerKind.NONE;
    }

    /** The next global model from this round's aggregate; updates the state. */
    public ModelWeights apply(ModelWeights global, ModelWeights aggregate) {
        if (!active()) {
            return aggregate;
        }
        if (!global.spec().equals(aggregate.spec()) || !global.schemaHash().equals(aggregate.schemaHash())) {
            throw new IllegalArgumentException("the aggregate is not of the global model's spec and schema");
        }
        float[] x = global.values();
        float[] target = aggregate.values();
        int n = x.length;
        double[] m = state.steps() == 0 ? new double[n] : state.m().clone();
        double[] v;
        if (state.steps() == 0) {
            v = new double[n];
            Arrays.fill(v, terms.tau() * terms.tau());
        } else {
            v = state.v().clone();
        }
        if (m.length != n || v.length != n) {
            throw new IllegalStateException("server optimizer state has " + m.length + " parameters, the model " + n);
        }
        double beta1 = terms.beta1();
        double beta2 = terms.beta2();
        double eta = terms.learningRate();
        double tau = terms.tau();
        float[] next = new float[n];
        for (int i = 0; i < n; i++) {
            double delta = (double) target[i] - x[i];
            double squared = delta * delta;
            m[i] = beta1 * m[i] + (1 - beta1) * delta;
            v[i] = switch (terms.kind()) {
                case FEDADAM -> beta2 * v[i] + (1 - beta2) * squared;
                case FEDYOGI -> v[i] - (1 - beta2) * squared * Math.signum(v[i] - squared);
                case NONE -> throw new IllegalStateException("unreachable");
            };
            next[i] = (float) (x[i] + eta * m[i] / (Math.sqrt(v[i]) + tau));
        }
        state = new State(state.steps() + 1, m, v);
        return ModelWeights.of(global.spec(), global.schemaHash(), next);
    }

    /** The state after the last {@link #apply}: store it with the round's model. */
    public State state() {
        return state;
    }

    /** Continues from a stored state (a resumed job). */
    public void restore(State stored) {
        state = Objects.requireNonNull(stored, "stored");
    }

    /**
     * m and v after {@code steps} rounds (empty before the first).
     *
     * <p>Wire form: {@code "FDCSO1"}, int steps, int n, then n doubles of m and n of v, big-endian.
     */
    public record State(int steps, double[] m, double[] v) {
        private static final byte[] MAGIC = {'F', 'D', 'C', 'S', 'O', '1'};
        public static final State EMPTY = new State(0, new double[0], new double[0]);

        public State {
            m = m.clone();
            v = v.clone();
            if (steps < 0 || m.length != v.length) {
                throw new IllegalArgumentException("malformed server optimizer state");
            }
        }

        @Override
        public double[] m() {
            return m.clone();
        }

        @Override
        public double[] v() {
            return v.clone();
        }

        public byte[] encode() {
            ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 8 + 16 * m.length);
            out.put(MAGIC).putInt(steps).putInt(m.length);
            for (double d : m) {
                out.putDouble(d);
            }
            for (double d : v) {
                out.putDouble(d);
            }
            return out.array();
        }

        /** @throws IllegalArgumentException if the bytes are not a state of this form */
        public static State decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte[] magic = new byte[MAGIC.length];
            if (bytes.length < MAGIC.length + 8) {
                throw new IllegalArgumentException("not a server optimizer state: too short");
            }
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a server optimizer state: bad magic");
            }
            int steps = in.getInt();
            int n = in.getInt();
            if (n < 0 || in.remaining() != 16L * n) {
                throw new IllegalArgumentException(
                        "server optimizer state of " + n + " parameters has " + in.remaining() + " bytes of values");
            }
            double[] m = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = in.getDouble();
            }
            for (int i = 0; i < n; i++) {
                v[i] = in.getDouble();
            }
            return new State(steps, m, v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.steps == steps && Arrays.equals(s.m, m) && Arrays.equals(s.v, v);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * steps + Arrays.hashCode(m)) + Arrays.hashCode(v);
        }

        @Override
        public String toString() {
            return "State[steps=" + steps + ", parameters=" + m.length + "]";
        }
    }
}
