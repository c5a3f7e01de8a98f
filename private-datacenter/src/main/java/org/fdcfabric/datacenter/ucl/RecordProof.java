package org.fdcfabric.datacenter.ucl;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.fdcfabric.protocol.merkle.MerkleProof;

/**
 * A record of a dataset with its inclusion proof, as {@code fdc dataset prove} prints it. {@code record} is the
 * record's canonical JSON text: exactly the bytes that were hashed into the leaf. {@code merkleRoot} is the root
 * the prover had; a verifier checks against the root registered on chain, not this one.
 */
public record RecordProof(String datasetId, String record, MerkleProof proof, String merkleRoot) {
    public RecordProof {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(merkleRoot, "merkleRoot");
    }

    public byte[] recordBytes() {
        return record.getBytes(StandardCharsets.UTF_8);
    }
}
