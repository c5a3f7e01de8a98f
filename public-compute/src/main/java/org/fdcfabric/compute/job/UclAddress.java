package org.fdcfabric.compute.job;

import java.util.Objects;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * What the coordinator needs from a dataset's UCL: who owns it, where its center's Federation endpoint is, the
 * schema (its columns fix the job's preprocessing and model inputs) and the Merkle root that the model's provenance
 * records.
 */
public record UclAddress(String datasetId, String ownerMsp, String address, UclSchema schema, String merkleRoot) {
    public UclAddress {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(ownerMsp, "ownerMsp");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(merkleRoot, "merkleRoot");
    }

    /** The UCL schema's hash ({@link UclSchema#hash()}). */
    public String schemaHash() {
        return schema.hash();
    }
}
