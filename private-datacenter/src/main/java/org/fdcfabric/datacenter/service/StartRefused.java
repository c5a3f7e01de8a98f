package org.fdcfabric.datacenter.service;

/**
 * The center will not start, for a reason its operator must fix (another instance holds the store, a dataset is not
 * in the store or not this organisation's on chain, its UCL carries another address); the message says which.
 */
public final class StartRefused extends Exception {
    public StartRefused(String message) {
        super(message);
    }

    public StartRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
