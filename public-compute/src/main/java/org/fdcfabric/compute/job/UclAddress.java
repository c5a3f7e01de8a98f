package org.fdcfabric.compute.job;

import java.util.Objects;

/**
 * What the coordinator needs from a dataset's UCL: who owns it, where its center's Federation endpoint is, and
 * the schema hash and Merkle root that the model's provenance records.
 */
public record UclAddress(String datasetId, String ownerMsp, String address, String schemaHash, String merkleRoot) {
    public UclAddress {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(ownerMsp, "ownerMsp");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(schemaHash, "schemaHash");
        Objects.requireNonNull(merkleRoot, "merkleRoot");
    }
}
