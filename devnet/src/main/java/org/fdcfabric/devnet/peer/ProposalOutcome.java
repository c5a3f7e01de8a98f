package org.fdcfabric.devnet.peer;

import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * What a peer answered: a {@code ProposalResponse} (endorsed below 400; only the response for 400-499; response
 * and payload but no endorsement from 500), or a rejection of the proposal before execution (malformed, bad
 * signature, ACL, duplicate txid), which the gateway reports as FAILED_PRECONDITION.
 */
public sealed interface ProposalOutcome {
    record Answered(ProposalResponse response) implements ProposalOutcome {}

    record Rejected(String message) implements ProposalOutcome {}
}
