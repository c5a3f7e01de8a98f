package org.fdcfabric.protocol.pass;

/** A dataset owner's answer to a collaboration request. */
public enum DecisionOutcome {
    GRANTED,
    DENIED
}
