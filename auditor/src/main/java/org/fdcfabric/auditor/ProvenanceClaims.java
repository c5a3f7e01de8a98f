package org.fdcfabric.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * Reads the lineage a model's provenance file claims (the compute node's provenance JSON: {@code jobId},
 * {@code finalModelHash}, {@code roundHashes}, {@code ucls} of {@code datasetId, ownerMsp, merkleRoot}) into a
 * {@link ModelClaim}. Other provenance fields (trainer, seeds, hyperparameters) are not the chain's business and
 * are ignored.
 */
public final class ProvenanceClaims {
    public static final String INVALID_PROVENANCE = "INVALID_PROVENANCE";

    private ProvenanceClaims() {}

    public static ModelClaim read(String json) {
        JsonNode root = CanonicalJson.tree(json);
        if (!root.isObject()) {
            throw new InvalidInputException(INVALID_PROVENANCE, "a model provenance is a JSON object");
        }
        String jobId = text(root, "jobId");
        String finalHash = text(root, "finalModelHash");
        InputChecks.matches(finalHash, InputChecks.SHA256_HEX, INVALID_PROVENANCE, "finalModelHash");
        List<String> roundHashes = new ArrayList<>();
        for (JsonNode hash : array(root, "roundHashes")) {
            roundHashes.add(hash.asText());
        }
        List<ModelClaim.ClaimedUcl> ucls = new ArrayList<>();
        for (JsonNode ucl : array(root, "ucls")) {
            ucls.add(new ModelClaim.ClaimedUcl(text(ucl, "datasetId"), text(ucl, "ownerMsp"), text(ucl, "merkleRoot")));
        }
        return new ModelClaim(jobId, finalHash, roundHashes, ucls);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidInputException(INVALID_PROVENANCE, "the provenance has no " + field);
        }
        return value.asText();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidInputException(INVALID_PROVENANCE, field + " must be a list");
        }
        return value;
    }
}
