package org.fdcfabric.protocol.job;

/**
 * OPEN accepts providers; RUNNING records rounds; COMPLETED, FAILED and CANCELLED are final and settled. A job
 * FAILED when its compute organisation gave up on it (its attempts ran out): the payer got the whole escrow back.
 */
public enum JobStatus {
    OPEN,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean settled() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
