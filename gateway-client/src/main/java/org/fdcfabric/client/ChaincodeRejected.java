package org.fdcfabric.client;

/**
 * The chaincode ran and refused the transaction with one of its error codes (for example
 * {@code DATASET_NOT_FOUND}). Retrying the same input gives the same answer, so it is never retried.
 */
public final class ChaincodeRejected extends FdcClientException {
    /** The code used when the chaincode's message carries none (an unexpected chaincode failure). */
    public static final String UNCLASSIFIED = "CHAINCODE_ERROR";

    private final String transaction;
    private final String code;
    private final String detail;

    public ChaincodeRejected(String transaction, String code, String detail, Throwable cause) {
        super(transaction + " was rejected: " + code + ": " + detail, cause);
        this.transaction = transaction;
        this.code = code;
        this.detail = detail;
    }

    /** The transaction that was rejected, as {@code contract:Name}. */
    public String transaction() {
        return transaction;
    }

    public String code() {
        return code;
    }

    /** The chaincode's message without its code. */
    public String detail() {
        return detail;
    }
}
