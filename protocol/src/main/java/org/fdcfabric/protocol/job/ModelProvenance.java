package org.fdcfabric.protocol.job;

import java.util.List;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.InputTransform;

/**
 * The lineage the compute node saves with a final model ({@code final.provenance.json}): trainer and
 * hyperparameters, seeds, the UCLs (ids, owners, Merkle roots) it learned from, every round's aggregate hash, and
 * the preprocessing its inputs need ({@code preprocessing}, with its hash), so the model can score a raw CSV file.
 * {@code schemaHash} is the hash the model's inputs are bound to (the UCL schema's own hash when every column is
 * numeric).
 * The coordinator writes it and the auditor reads it back through {@link #read}, so both sides name the fields
 * once. Numbers and flags are boxed: a reader takes what the lineage check needs and tolerates the rest absent.
 */
public record ModelProvenance(
        String jobId,
        String trainer,
        String modelFamily,
        List<Integer> hidden,
        Integer factors,
        Integer featureCount,
        Integer outputCount,
        String schemaHash,
        Integer localEpochs,
        String learningRate,
        Integer batchSize,
        String proxMu,
        String clientFraction,
        Integer minQuorum,
        Long roundDeadlineMillis,
        String epsilon,
        Long seed,
        String seedDerivation,
        List<UclLineage> ucls,
        List<String> roundHashes,
        String finalModelHash,
        Boolean converged,
        String preprocessingHash,
        InputTransform preprocessing) {
    /** The code of a provenance that does not say what the lineage check needs. */
    public static final String INVALID_PROVENANCE = "INVALID_PROVENANCE";

    public ModelProvenance {
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
        ucls = ucls == null ? List.of() : List.copyOf(ucls);
        roundHashes = roundHashes == null ? List.of() : List.copyOf(roundHashes);
    }

    /** One dataset the model learned from. */
    public record UclLineage(String datasetId, String ownerMsp, String merkleRoot) {}

    /**
     * Reads a provenance file's JSON.
     *
     * @throws InvalidInputException {@code MALFORMED_JSON} when it is not JSON; {@code INVALID_PROVENANCE} when it
     *     does not have the provenance's shape, names no job, or its final model hash is not SHA-256 hex
     */
    public static ModelProvenance read(String json) {
        if (!CanonicalJson.tree(json).isObject()) {
            throw new InvalidInputException(INVALID_PROVENANCE, "a model provenance is a JSON object");
        }
        ModelProvenance provenance;
        try {
            provenance = CanonicalJson.read(json, ModelProvenance.class);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(INVALID_PROVENANCE, e.getMessage(), e);
        }
        InputChecks.require(
                provenance.jobId() != null && !provenance.jobId().isEmpty(),
                INVALID_PROVENANCE,
                "the provenance has no jobId");
        InputChecks.matches(provenance.finalModelHash(), InputChecks.SHA256_HEX, INVALID_PROVENANCE, "finalModelHash");
        if (provenance.preprocessing() != null) {
            InputChecks.require(
                    provenance.preprocessing().validate().hash().equals(provenance.preprocessingHash()),
                    INVALID_PROVENANCE,
                    "the provenance's preprocessing does not hash to its preprocessingHash");
        }
        for (UclLineage ucl : provenance.ucls()) {
            InputChecks.require(
                    ucl != null && ucl.datasetId() != null && ucl.ownerMsp() != null && ucl.merkleRoot() != null,
                    INVALID_PROVENANCE,
                    "each UCL of the provenance names its datasetId, ownerMsp and merkleRoot");
        }
        return provenance;
    }
}
