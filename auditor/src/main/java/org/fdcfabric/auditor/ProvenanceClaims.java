package org.fdcfabric.auditor;

import org.fdcfabric.protocol.job.ModelProvenance;

/**
 * Reads the lineage a model's provenance file claims ({@link ModelProvenance}: {@code jobId},
 * {@code finalModelHash}, {@code roundHashes}, {@code ucls}) into a {@link ModelClaim}. Other provenance fields
 * (trainer, seeds, hyperparameters) are not the chain's business and are not checked.
 */
public final class ProvenanceClaims {
    public static final String INVALID_PROVENANCE = ModelProvenance.INVALID_PROVENANCE;

    private ProvenanceClaims() {}

    public static ModelClaim read(String json) {
        return claim(ModelProvenance.read(json));
    }

    public static ModelClaim claim(ModelProvenance provenance) {
        return new ModelClaim(
                provenance.jobId(),
                provenance.finalModelHash(),
                provenance.roundHashes(),
                provenance.ucls().stream()
                        .map(u -> new ModelClaim.ClaimedUcl(u.datasetId(), u.ownerMsp(), u.merkleRoot()))
                        .toList());
    }
}
