package org.fdcfabric.cli.pass;

import org.fdcfabric.cli.Output;
import org.fdcfabric.protocol.pass.AccessDecision;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;

/** How requests and passes read for people. */
final class PassView {
    private PassView() {}

    static Output.Fields request(RequestRecord record) {
        CollaborationRequest r = record.request();
        Output.Fields fields = Output.fields("request " + r.requestId())
                .add("data user", r.dataUserMsp())
                .add("datasets", String.join(", ", r.datasetIds()))
                .add("purpose", r.purpose())
                .add("computation", r.computation())
                .add("max rounds", r.maxRounds())
                .add("expires", r.expiresAt())
                .add("submitted", record.submittedAt())
                .add("signature", record.signature());
        for (AccessDecision d : record.decisions()) {
            fields.then("  " + d.datasetId() + ": " + d.outcome() + " by " + d.decidedByMsp()
                    + (d.passId() == null ? "" : " (pass " + d.passId() + ")")
                    + (d.reason() == null ? "" : " (" + d.reason() + ")"));
        }
        return fields;
    }

    static Output.Fields pass(AccessPass p) {
        return Output.fields("pass " + p.passId())
                .add("status", p.status())
                .add("dataset", p.datasetId())
                .add("request", p.requestId())
                .add("owner", p.ownerMsp())
                .add("holder", p.holderMsp())
                .add("purpose", p.purpose())
                .add("computation", p.computation())
                .add("rounds", p.roundsUsed() + " of " + p.roundsGranted() + " used")
                .add("issued", p.issuedAt())
                .add("expires", p.expiresAt())
                .add("revoked", p.revokedAt())
                .add("revoke reason", p.revokeReason());
    }
}
