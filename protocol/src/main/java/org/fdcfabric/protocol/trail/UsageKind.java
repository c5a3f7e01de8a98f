package org.fdcfabric.protocol.trail;

/** What a provider reports about a local use of its data. */
public enum UsageKind {
    /** local training for a job's round */
    TRAIN,
    /** evaluation of a global model on local data */
    EVALUATE,
    /** an attempt the data center refused (no valid pass, wrong caller, ...) */
    REFUSED
}
