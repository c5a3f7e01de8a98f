package org.fdcfabric.client;

import java.util.List;

/** The ordering service refused an endorsed transaction, so it was never ordered. */
public final class SubmitFailed extends FdcClientException {
    private final String transactionId;
    private final List<NodeError> nodes;

    public SubmitFailed(
            String transaction, String transactionId, String reason, List<NodeError> nodes, Throwable cause) {
        super(
                transaction + " (tx " + transactionId + ") was not accepted for ordering: " + reason
                        + NodeError.describe(nodes),
                cause);
        this.transactionId = transactionId;
        this.nodes = List.copyOf(nodes);
    }

    public String transactionId() {
        return transactionId;
    }

    public List<NodeError> nodes() {
        return nodes;
    }
}
