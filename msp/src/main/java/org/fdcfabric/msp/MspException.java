package org.fdcfabric.msp;

/** Crypto material could not be created, parsed or read; the message says which file or value and why. */
public final class MspException extends RuntimeException {
    public MspException(String message) {
        super(message);
    }

    public MspException(String message, Throwable cause) {
        super(message, cause);
    }
}
