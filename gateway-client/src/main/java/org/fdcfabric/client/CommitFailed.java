package org.fdcfabric.client;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The transaction was ordered into a block but marked invalid, so none of its writes took effect. An MVCC or
 * phantom read conflict arrives here only after the retry budget is spent.
 */
public final class CommitFailed extends FdcClientException {
    private final String transactionId;
    private final TxValidationCode validationCode;
    private final long blockNumber;
    private final int attempts;

    public CommitFailed(
            String transaction, String transactionId, TxValidationCode validationCode, long blockNumber, int attempts) {
        super(transaction + " (tx " + transactionId + ") was committed invalid in block " + blockNumber + ": "
                + validationCode.name() + (attempts > 1 ? " (after " + attempts + " attempts)" : ""));
        this.transactionId = transactionId;
        this.validationCode = validationCode;
        this.blockNumber = blockNumber;
        this.attempts = attempts;
    }

    public String transactionId() {
        return transactionId;
    }

    public TxValidationCode validationCode() {
        return validationCode;
    }

    public long blockNumber() {
        return blockNumber;
    }

    public int attempts() {
        return attempts;
    }
}
