package org.fdcfabric.chaincode.registration;

/** Composite-key prefixes of the registration channel (ARCHITECTURE.md, "Ledger keys"). */
final class Keys {
    /** {@code ucl~{datasetId}}: the current version of a dataset's UCL. */
    static final String UCL = "ucl";
    /** {@code uclver~{datasetId}~{version}}: every version, kept for history; the latest mirrors {@code ucl~}. */
    static final String UCL_VERSION = "uclver";
    /** {@code uclowner~{ownerMsp}~{datasetId}}: index for listing one organisation's datasets. */
    static final String UCL_BY_OWNER = "uclowner";
    /** {@code audit~{subject}~{seq}}: one hash-chained audit entry. */
    static final String AUDIT = "audit";
    /** {@code audithead~{subject}}: the latest audit entry of a subject, which the next one links to. */
    static final String AUDIT_HEAD = "audithead";

    private Keys() {}

    /** Fixed width, so that key order is numeric order (versions and sequence numbers). */
    static String number(long n) {
        return String.format("%019d", n);
    }
}
