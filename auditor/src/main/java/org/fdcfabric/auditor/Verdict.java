package org.fdcfabric.auditor;

/** The audit's overall answer. */
public enum Verdict {
    CLEAN,
    VIOLATIONS
}
