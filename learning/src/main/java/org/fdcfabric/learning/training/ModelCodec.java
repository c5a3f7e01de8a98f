package org.fdcfabric.learning.training;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.federation.ModelSpec;
import org.fdcfabric.protocol.federation.Tensor;

/**
 * Converts between {@link ModelWeights} and the wire {@link Model} (named float tensors with shapes, the spec and
 * the schema hash) and hashes models. Decoding checks everything a peer could get wrong or forge: the family and
 * sizes, every tensor's name, shape and length, finiteness, and the schema hash the receiver expects.
 */
public final class ModelCodec {
    private ModelCodec() {}

    public static Model toProto(ModelWeights weights) {
        ModelArchitecture spec = weights.spec();
        Model.Builder model = Model.newBuilder()
                .setSpec(ModelSpec.newBuilder()
                        .setFamily(spec.family().wireName())
                        .addAllHidden(spec.hidden())
                        .setFactors(spec.factors())
                        .setFeatureCount(spec.featureCount())
                        .setOutputCount(spec.outputCount()))
                .setSchemaHash(weights.schemaHash());
        for (TensorLayout layout : spec.layout()) {
            Tensor.Builder tensor = Tensor.newBuilder().setName(layout.name()).addAllShape(layout.shape());
            for (int i = 0; i < layout.size(); i++) {
                tensor.addValues(weights.valueAt(layout.offset() + i));
            }
            model.addTensors(tensor);
        }
        return model.build();
    }

    /**
     * Decodes and validates a wire model.
     *
     * @param expectedSchemaHash the schema the receiver works with
     * @throws IllegalArgumentException with a message naming the first problem found
     */
    public static ModelWeights fromProto(Model model, String expectedSchemaHash) {
        if (!model.hasSpec()) {
            throw new IllegalArgumentException("model has no spec");
        }
        if (!model.getSchemaHash().equals(expectedSchemaHash)) {
            throw new IllegalArgumentException("model schema hash " + abbreviate(model.getSchemaHash())
                    + " does not match the expected schema " + abbreviate(expectedSchemaHash));
        }
        ModelArchitecture spec = specFromProto(model.getSpec());
        List<TensorLayout> layout = spec.layout();
        if (model.getTensorsCount() != layout.size()) {
            throw new IllegalArgumentException(
                    "model has " + model.getTensorsCount() + " tensors; a " + describe(spec) + " has " + layout.size());
        }
        float[] values = new float[spec.parameterCount()];
        for (int t = 0; t < layout.size(); t++) {
            TensorLayout expected = layout.get(t);
            Tensor tensor = model.getTensors(t);
            if (!tensor.getName().equals(expected.name())) {
                throw new IllegalArgumentException(
                        "tensor " + t + " is named '" + tensor.getName() + "', expected '" + expected.name() + "'");
            }
            if (!tensor.getShapeList().equals(expected.shape())) {
                throw new IllegalArgumentException("tensor " + expected.name() + " has shape " + tensor.getShapeList()
                        + ", expected " + expected.shape());
            }
            if (tensor.getValuesCount() != expected.size()) {
                throw new IllegalArgumentException("tensor " + expected.name() + " has " + tensor.getValuesCount()
                        + " values; its shape " + expected.shape() + " needs " + expected.size());
            }
            for (int i = 0; i < expected.size(); i++) {
                float v = tensor.getValues(i);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "tensor " + expected.name() + " value " + i + " is " + v + "; models must be finite");
                }
                values[expected.offset() + i] = v;
            }
        }
        return ModelWeights.adopt(spec, model.getSchemaHash(), values);
    }

    public static ModelArchitecture specFromProto(ModelSpec spec) {
        List<Integer> hidden = new ArrayList<>(spec.getHiddenList());
        return new ModelArchitecture(
                ModelFamily.fromWireName(spec.getFamily()),
                hidden,
                spec.getFactors(),
                spec.getFeatureCount(),
                spec.getOutputCount());
    }

    /** Lowercase hex SHA-256 of the model's wire bytes (deterministic: the wire model has no maps). */
    public static String hash(ModelWeights weights) {
        return sha256Hex(toProto(weights).toByteArray());
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String describe(ModelArchitecture spec) {
        return spec.family().wireName() + " " + spec.featureCount() + "->" + spec.hidden() + "->" + spec.outputCount();
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : "'" + hash + "'";
    }
}
