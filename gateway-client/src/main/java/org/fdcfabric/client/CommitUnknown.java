package org.fdcfabric.client;

/**
 * The transaction was handed to the ordering service but its outcome could not be learned in time. It may still
 * commit: look it up by {@link #transactionId()} before sending it again.
 */
public final class CommitUnknown extends FdcClientException {
    private final String transactionId;

    public CommitUnknown(String transaction, String transactionId, String reason, Throwable cause) {
        super(
                transaction + " (tx " + transactionId + "): outcome unknown, " + reason
                        + "; it may still commit, check tx " + transactionId + " before resubmitting",
                cause);
        this.transactionId = transactionId;
    }

    public String transactionId() {
        return transactionId;
    }
}
