package org.fdcfabric.protocol.trail;

/** What a provider reports about a local use of its data. */
public enum UsageKind {
    /** local training for a job's round */
    TRAIN,
    /** evaluation of a global model on local data */
    EVALUATE,
    /** column statistics of the training split (aggregates only) for a job's preprocessing, before its round 1 */
    STATISTICS,
    /** an attempt the data center refused (no valid pass, wrong caller, ...) */
    REFUSED
}
