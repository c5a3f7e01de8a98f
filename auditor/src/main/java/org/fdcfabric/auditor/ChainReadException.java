package org.fdcfabric.auditor;

/** The chain could not be read, so the audit has no verdict (as opposed to a verdict of violations). */
public final class ChainReadException extends RuntimeException {
    public ChainReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
