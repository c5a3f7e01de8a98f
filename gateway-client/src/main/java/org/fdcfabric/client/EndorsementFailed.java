package org.fdcfabric.client;

import java.util.List;

/**
 * The network refused the proposal before any chaincode answer: a bad signature, an identity the channel does not
 * accept, an unsatisfiable endorsement policy, endorsers that disagree. {@link #nodes()} names each node that failed.
 */
public final class EndorsementFailed extends FdcClientException {
    private final String transaction;
    private final List<NodeError> nodes;

    public EndorsementFailed(String transaction, String reason, List<NodeError> nodes, Throwable cause) {
        super(transaction + " could not be endorsed: " + reason + NodeError.describe(nodes), cause);
        this.transaction = transaction;
        this.nodes = List.copyOf(nodes);
    }

    public String transaction() {
        return transaction;
    }

    public List<NodeError> nodes() {
        return nodes;
    }
}
