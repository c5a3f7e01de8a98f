package org.fdcfabric.datacenter.ucl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fdcfabric.datacenter.store.DatasetStore;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.merkle.MerkleProof;
import org.fdcfabric.protocol.merkle.MerkleTree;

/** Proves that a record belongs to a published dataset, and checks such proofs against a root. */
public final class DatasetProofs {
    private final DatasetStore datasets;

    public DatasetProofs(DatasetStore datasets) {
        this.datasets = datasets;
    }

    /** The record at {@code recordIndex} (0-based, leaf order) of the stored dataset, with its proof. */
    public RecordProof prove(String datasetId, long recordIndex) {
        List<byte[]> records = datasets.records(datasetId);
        if (records.isEmpty()) {
            throw new InvalidInputException(
                    ErrorCode.DATASET_NOT_FOUND.name(), "no dataset " + datasetId + " in this data center");
        }
        MerkleTree tree = MerkleTree.of(records);
        MerkleProof proof = tree.proof(recordIndex);
        String record = new String(records.get((int) recordIndex), StandardCharsets.UTF_8);
        return new RecordProof(datasetId, record, proof, tree.rootHex());
    }

    /** Whether {@code record} is at the proof's index in the tree whose root is {@code root}. */
    public static boolean verify(byte[] record, MerkleProof proof, String root) {
        return proof.verifies(record, root);
    }
}
