package org.fdcfabric.chaincode.support;

/**
 * Composite-key prefixes of both channels' ledgers ({@code docs/architecture.md}, "Ledger keys"), written once so a
 * prefix cannot be reused by mistake and the audit keys read the same on both channels.
 */
public final class Keys {
    // both channels
    /** {@code audit~{subject}~{seq}}: one hash-chained audit entry. */
    public static final String AUDIT = "audit";
    /** {@code audithead~{subject}}: the latest audit entry of a subject, which the next one links to. */
    public static final String AUDIT_HEAD = "audithead";

    // registration channel
    /** {@code ucl~{datasetId}}: the current version of a dataset's UCL. */
    public static final String UCL = "ucl";
    /** {@code uclver~{datasetId}~{version}}: every version, kept for history; the latest mirrors {@code ucl~}. */
    public static final String UCL_VERSION = "uclver";
    /** {@code uclowner~{ownerMsp}~{datasetId}}: index for listing one organisation's datasets. */
    public static final String UCL_BY_OWNER = "uclowner";

    // collaboration channel
    public static final String TOKEN = "token";
    public static final String WALLET = "wallet";
    public static final String REQUEST = "request";
    /** {@code reqnonce~{dataUserMsp}~{nonce}}: a nonce is spent once per organisation. */
    public static final String REQUEST_NONCE = "reqnonce";

    public static final String PASS = "pass";
    public static final String PASS_BY_DATASET = "passbyds";
    public static final String JOB = "job";
    public static final String ROUND = "round";
    /** {@code usage~{datasetId}~{seq}}: providers' usage reports, numbered like the dataset's audit entries. */
    public static final String USAGE = "usage";
    /** {@code centerkey~{msp}~{fingerprint}}: certificates an organisation's data centers sign round usage with. */
    public static final String CENTER_KEY = "centerkey";

    private Keys() {}

    /** Fixed width, so that key order is numeric order (versions, rounds and sequence numbers). */
    public static String sequence(long n) {
        return String.format("%019d", n);
    }
}
