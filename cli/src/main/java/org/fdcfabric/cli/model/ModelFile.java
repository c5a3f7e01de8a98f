package org.fdcfabric.cli.model;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.federation.Model;

/**
 * A model as the coordinator saves it ({@code final.model}: the Federation {@code Model} message's wire bytes),
 * read against the schema of a UCL it was trained for.
 */
record ModelFile(Path file, ModelWeights weights, String hash) {
    static final long MAX_BYTES = 512L * 1024 * 1024;

    static ModelFile read(Path file, DatasetSchema schema) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("INVALID_MODEL", file + " is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("INVALID_MODEL", "cannot read " + file + ": " + e.getMessage());
        }
        Model model;
        try {
            model = Model.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException("INVALID_MODEL", file + " is not a saved model: " + e.getMessage());
        }
        if (!model.getSchemaHash().equals(schema.hash())) {
            throw new InvalidInputException(
                    "SCHEMA_MISMATCH",
                    file + " was trained for schema " + model.getSchemaHash() + ", the dataset's UCL has "
                            + schema.hash());
        }
        try {
            ModelWeights weights = ModelCodec.fromProto(model, schema.hash());
            return new ModelFile(file, weights, ModelCodec.sha256Hex(bytes));
        } catch (IllegalArgumentException e) {
            String hint = e.getMessage() != null && e.getMessage().contains("must be finite")
                    ? "; training diverged: features are not standardized? train with --preprocess standardize"
                            + " (or a smaller learning rate)"
                    : "";
            throw new InvalidInputException("INVALID_MODEL", file + ": " + e.getMessage() + hint);
        }
    }
}
