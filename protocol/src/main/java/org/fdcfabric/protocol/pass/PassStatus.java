package org.fdcfabric.protocol.pass;

/** Lifecycle of an access pass; expiry and an exhausted round budget are judged at use, not stored. */
public enum PassStatus {
    ACTIVE,
    REVOKED
}
