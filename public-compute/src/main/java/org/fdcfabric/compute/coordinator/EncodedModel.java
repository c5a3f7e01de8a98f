package org.fdcfabric.compute.coordinator;

import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.federation.Model;

/**
 * A model together with its wire form and hash, computed once: the same bytes are hashed for the chain, stored
 * for resumption and sent to the centers.
 *
 * @param hash lowercase hex SHA-256 of {@code proto}'s wire bytes ({@link ModelCodec#hash})
 */
record EncodedModel(ModelWeights weights, Model proto, String hash) {
    static EncodedModel of(ModelWeights weights) {
        Model proto = ModelCodec.toProto(weights);
        return new EncodedModel(weights, proto, ModelCodec.sha256Hex(proto.toByteArray()));
    }
}
