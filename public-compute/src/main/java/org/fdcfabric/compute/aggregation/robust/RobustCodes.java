package org.fdcfabric.compute.aggregation.robust;

/** Stable error codes of robust aggregation. */
final class RobustCodes {
    static final String INVALID_UPDATE = "INVALID_UPDATE";
    static final String INVALID_AGGREGATION_RULE = "INVALID_AGGREGATION_RULE";
    static final String NOT_ENOUGH_UPDATES = "NOT_ENOUGH_UPDATES";

    private RobustCodes() {}
}
