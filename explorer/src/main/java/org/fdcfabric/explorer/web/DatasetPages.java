package org.fdcfabric.explorer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.explorer.chain.ChainSource;
import org.fdcfabric.protocol.merkle.MerkleProof;
import org.fdcfabric.protocol.ucl.Ucl;

/** The UCL catalogue, one dataset (versions, schema, terms, root, passes, usage) and its record-proof checker. */
final class DatasetPages {
    /** Larger pasted proofs are refused before parsing. */
    static final int MAX_PROOF_CHARS = 256 * 1024;

    private final ChainSource chain;
    private final ObjectMapper json = new ObjectMapper();

    DatasetPages(ChainSource chain) {
        this.chain = chain;
    }

    View catalogue() {
        List<Ucl> datasets = new ArrayList<>(chain.records().datasets());
        datasets.sort(Comparator.comparing(Ucl::id));
        return View.ok("datasets", Map.of("section", "datasets", "datasets", datasets));
    }

    Optional<Ucl> find(String datasetId) {
        return chain.records().datasets().stream()
                .filter(ucl -> ucl.id().equals(datasetId))
                .findFirst();
    }

    View dataset(String datasetId) {
        return dataset(datasetId, null);
    }

    /** The outcome of checking a pasted proof: whether it holds and why. */
    record ProofCheck(boolean valid, String message) {}

    View checkProof(String datasetId, String pasted) {
        Optional<Ucl> ucl = find(datasetId);
        if (ucl.isEmpty()) {
            return View.notFound("dataset " + datasetId);
        }
        return dataset(datasetId, check(ucl.get(), pasted));
    }

    private ProofCheck check(Ucl ucl, String pasted) {
        if (pasted == null || pasted.isBlank()) {
            return new ProofCheck(false, "PROOF_EMPTY: paste the JSON that fdc dataset prove prints");
        }
        if (pasted.length() > MAX_PROOF_CHARS) {
            return new ProofCheck(false, "PROOF_TOO_LARGE: at most " + MAX_PROOF_CHARS + " characters");
        }
        try {
            JsonNode root = json.readTree(pasted);
            JsonNode proof = root.path("proof");
            if (!root.path("record").isTextual() || !proof.path("index").canConvertToLong()) {
                return new ProofCheck(false, "PROOF_MALFORMED: expected {record, proof: {index, siblings}}");
            }
            List<String> siblings = new ArrayList<>();
            proof.path("siblings").forEach(node -> siblings.add(node.asText()));
            // the tree's size comes from the UCL, never from the proof (docs/architecture.md)
            MerkleProof checked = new MerkleProof(proof.path("index").asLong(), ucl.leafCount(), siblings);
            byte[] record = root.path("record").asText().getBytes(StandardCharsets.UTF_8);
            if (checked.verifies(record, ucl.merkleRoot())) {
                return new ProofCheck(
                        true,
                        "VALID: record " + checked.index() + " is in " + ucl.id() + " version " + ucl.version()
                                + " (root " + ucl.merkleRoot() + ")");
            }
            return new ProofCheck(
                    false,
                    "INVALID: record " + checked.index() + " is not proved to be in " + ucl.id() + " version "
                            + ucl.version());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new ProofCheck(false, "PROOF_MALFORMED: not JSON (" + e.getOriginalMessage() + ")");
        } catch (IllegalArgumentException e) {
            return new ProofCheck(false, "PROOF_MALFORMED: " + e.getMessage());
        }
    }

    private View dataset(String datasetId, ProofCheck proofCheck) {
        Optional<Ucl> ucl = find(datasetId);
        if (ucl.isEmpty()) {
            return View.notFound("dataset " + datasetId);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("section", "datasets");
        model.put("ucl", ucl.get());
        model.put("versions", chain.records().datasetVersions(datasetId));
        model.put("passes", chain.passesOf(datasetId));
        model.put("usage", chain.records().usage(datasetId));
        if (proofCheck != null) {
            model.put("proofCheck", proofCheck);
        }
        return View.ok("dataset", model);
    }
}
