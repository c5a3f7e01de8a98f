package org.fdcfabric.datacenter.store;

/**
 * One input row that was not stored, and why. {@code line} is the 1-based line of the source file (0 when the
 * source has no lines). The message names columns and expectations, never the row's values.
 */
public record ImportIssue(long line, Kind kind, String message) {
    public enum Kind {
        /** The line is not CSV the header can describe (field count, quoting). */
        MALFORMED,
        /** A field does not have the type the schema declares for its column. */
        SCHEMA_MISMATCH
    }
}
