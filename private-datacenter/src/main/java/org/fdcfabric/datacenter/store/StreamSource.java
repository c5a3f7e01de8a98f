package org.fdcfabric.datacenter.store;

/** Where a stream's readings came from; it decides what a reading's sequence number means. */
public enum StreamSource {
    /** Sequence is the line number in the imported file. */
    CSV,
    /** Sequence is the reading's position in the simulator's output, from 1. */
    SIMULATOR,
    /** Sequence is the edge agent's own counter, from 1, without gaps. */
    EDGE
}
