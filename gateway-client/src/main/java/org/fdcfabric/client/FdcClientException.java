package org.fdcfabric.client;

/**
 * Every failure a client call can end in. Subclasses say what went wrong and carry what a caller needs to act on
 * it (the chaincode's error code, the validation code, the endpoint); the message is written for a person.
 */
public abstract class FdcClientException extends Exception {
    protected FdcClientException(String message) {
        super(message);
    }

    protected FdcClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
