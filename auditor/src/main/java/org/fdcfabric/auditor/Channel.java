package org.fdcfabric.auditor;

/** The two ledgers an auditor reads: the UCL registry and the collaboration channel. */
public enum Channel {
    REGISTRATION,
    COLLABORATION
}
