package org.fdcfabric.experiment;

/** The ways an experiment trains the same model on the same split. */
public enum Strategy {
    /** FedAvg rounds across the centers; raw data stays put. */
    FEDERATED,
    /** All centers' training data pooled in one place (what federation avoids; the accuracy reference). */
    CENTRALIZED,
    /** Each center alone on its own data (what a center gets without collaborating). */
    LOCAL_ONLY
}
