package org.fdcfabric.compute.coordinator;

import java.util.List;

/**
 * The lineage saved with a final model: trainer and hyperparameters, seeds, the UCLs (ids, owners, Merkle
 * roots) it learned from, and every round's aggregate hash.
 */
public record ModelProvenance(
        String jobId,
        String trainer,
        String modelFamily,
        List<Integer> hidden,
        int factors,
        int featureCount,
        int outputCount,
        String schemaHash,
        int localEpochs,
        String learningRate,
        int batchSize,
        String proxMu,
        String clientFraction,
        int minQuorum,
        long roundDeadlineMillis,
        String epsilon,
        long seed,
        String seedDerivation,
        List<UclLineage> ucls,
        List<String> roundHashes,
        String finalModelHash,
        boolean converged) {

    /** One dataset the model learned from. */
    public record UclLineage(String datasetId, String ownerMsp, String merkleRoot) {}
}
