package org.fdcfabric.learning.crypto;

/** A sealed update failed authentication: wrong key, wrong binding (job, round, dataset) or altered bytes. */
public final class UpdateTamperedException extends Exception {
    public UpdateTamperedException(String message, Throwable cause) {
        super(message, cause);
    }
}
