package org.fdcfabric.learning.training;

import java.util.Objects;

/**
 * A model's parameters as one flat float vector laid out by its {@link ModelArchitecture}, plus the hash of the schema it
 * was built for. Immutable: the vector is copied in and out; aggregation code that must avoid copies reads it
 * through {@link #copyInto(float[])} or {@link #valueAt(int)}.
 */
public final class ModelWeights {
    private final ModelArchitecture spec;
    private final String schemaHash;
    private final float[] values;

    private ModelWeights(ModelArchitecture spec, String schemaHash, float[] values) {
        this.spec = spec;
        this.schemaHash = schemaHash;
        this.values = values;
    }

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the vector's length does not match the spec, a value is NaN or infinite,
     *     or the schema hash is not 64 lowercase hex digits
     */
    public static ModelWeights of(ModelArchitecture spec, String schemaHash, float[] values) {
        return adopt(spec, schemaHash, values.clone());
    }

    /** Takes ownership of {@code values} without copying: the caller must not touch the array afterwards. */
    static ModelWeights adopt(ModelArchitecture spec, String schemaHash, float[] values) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(schemaHash, "schemaHash");
        if (!schemaHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("schema hash must be 64 lowercase hex digits, was '" + schemaHash + "'");
        }
        if (values.length != spec.parameterCount()) {
            throw new IllegalArgumentException(
                    "model has " + values.length + " parameters but its spec needs " + spec.parameterCount());
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("parameter " + i + " is " + values[i] + "; models must be finite");
            }
        }
        return new ModelWeights(spec, schemaHash, values);
    }

    public ModelArchitecture spec() {
        return spec;
    }

    public String schemaHash() {
        return schemaHash;
    }

    public int size() {
        return values.length;
    }

    public float valueAt(int index) {
        return values[index];
    }

    public float[] values() {
        return values.clone();
    }

    public void copyInto(float[] target) {
        System.arraycopy(values, 0, target, 0, values.length);
    }

    /**
     * Adds {@code scale * values[from..to)} into {@code accumulator[from..to)}: the kernel of weighted averaging,
     * exposed so aggregation can work block by block without copying each model.
     */
    public void addScaledTo(float[] accumulator, float scale, int from, int to) {
        if (accumulator.length != values.length || from < 0 || to > values.length || from > to) {
            throw new IllegalArgumentException("accumulator range does not fit this model");
        }
        for (int i = from; i < to; i++) {
            accumulator[i] += scale * values[i];
        }
    }

    /** Euclidean distance to another model of the same spec (BlockDeepNet's convergence test). */
    public double distanceTo(ModelWeights other) {
        if (!spec.equals(other.spec)) {
            throw new IllegalArgumentException("cannot compare models of different specs");
        }
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            double d = (double) values[i] - other.values[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
