package org.fdcfabric.datacenter.store;

/** The store could not do what was asked (database unreachable, unknown stream, bad key file). */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
