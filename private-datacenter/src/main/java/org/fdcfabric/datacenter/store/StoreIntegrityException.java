package org.fdcfabric.datacenter.store;

/** Stored data failed its authentication check: it was altered, moved or sealed under another key. */
final class StoreIntegrityException extends RuntimeException {
    public StoreIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
