package org.fdcfabric.client;

/**
 * The chaincode answered, but not with the record this client expects: client and chaincode disagree on the
 * format (usually different versions). For a submitted transaction the write has committed.
 */
public final class ResponseUnreadable extends FdcClientException {
    public ResponseUnreadable(String transaction, String expected, Throwable cause) {
        super(transaction + " returned something that is not a " + expected + ": " + cause.getMessage(), cause);
    }
}
