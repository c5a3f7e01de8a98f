package org.fdcfabric.protocol.pass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.protocol.request.CollaborationRequest;

/**
 * A collaboration request as the ledger keeps it for non-repudiation: the request exactly as signed, the DER
 * signature (lowercase hex) that verified against the submitter's certificate, who submitted it and when, and
 * the decisions of the dataset owners so far.
 */
public record RequestRecord(
        CollaborationRequest request,
        String signature,
        String submitterId,
        Instant submittedAt,
        String txId,
        List<AccessDecision> decisions) {
    public RequestRecord {
        decisions = List.copyOf(decisions);
    }

    public Optional<AccessDecision> decisionFor(String datasetId) {
        return decisions.stream().filter(d -> d.datasetId().equals(datasetId)).findFirst();
    }

    public RequestRecord withDecision(AccessDecision decision) {
        List<AccessDecision> next = new ArrayList<>(decisions);
        next.add(decision);
        return new RequestRecord(request, signature, submitterId, submittedAt, txId, next);
    }
}
