package org.fdcfabric.auditor;

import java.util.List;
import java.util.Objects;

/**
 * What a model's provenance (saved by the compute node beside the model) claims about its lineage: the job, the
 * model's hash, every round's aggregate hash, and the UCLs it learned from. The audit checks each claim against
 * the chain.
 */
public record ModelClaim(String jobId, String finalModelHash, List<String> roundHashes, List<ClaimedUcl> ucls) {
    public ModelClaim {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(finalModelHash, "finalModelHash");
        roundHashes = roundHashes == null ? List.of() : List.copyOf(roundHashes);
        ucls = ucls == null ? List.of() : List.copyOf(ucls);
    }

    /** One dataset the provenance names, with the owner and Merkle root it recorded. */
    public record ClaimedUcl(String datasetId, String ownerMsp, String merkleRoot) {}
}
