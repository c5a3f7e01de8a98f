package org.fdcfabric.compute.job;

/** A sampled center whose update did not count this round, and why. */
public record Absence(String datasetId, Kind kind, String reason) {
    /** Why an update is missing. */
    public enum Kind {
        /** No answer before the round's deadline. */
        STRAGGLER,
        /** The center refused (no valid pass, wrong caller). */
        REFUSED,
        /** The update arrived but failed checks (tampered, NaN, wrong shape or schema). */
        REJECTED,
        /** Unreachable or failed otherwise. */
        FAILED,
        /** Read back from the chain, which records that a sampled center did not count but not why. */
        ABSENT
    }
}
