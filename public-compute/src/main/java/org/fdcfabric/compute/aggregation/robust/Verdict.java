package org.fdcfabric.compute.aggregation.robust;

/** What an aggregator did with one center's update; anything but ACCEPTED is flagged in the round record. */
public enum Verdict {
    /** Used as sent. */
    ACCEPTED,
    /** Used after scaling it down to the clipping norm. */
    CLIPPED,
    /** Used, but trimmed away (an outlier) in most coordinates. */
    TRIMMED,
    /** Not used at all: non-finite, out of bounds, or not selected by Krum. */
    REJECTED
}
