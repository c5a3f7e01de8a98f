package org.fdcfabric.protocol.job;

/** OPEN accepts providers; RUNNING records rounds; COMPLETED and CANCELLED are final and settled. */
public enum JobStatus {
    OPEN,
    RUNNING,
    COMPLETED,
    CANCELLED;

    public boolean settled() {
        return this == COMPLETED || this == CANCELLED;
    }
}
