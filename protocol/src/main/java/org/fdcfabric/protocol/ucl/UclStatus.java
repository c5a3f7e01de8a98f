package org.fdcfabric.protocol.ucl;

/** A retired dataset stays readable (its history is evidence) but takes no new versions or passes. */
public enum UclStatus {
    ACTIVE,
    RETIRED
}
