package org.fdcfabric.chaincode.collaboration;

/** Composite-key prefixes of the collaboration channel (ARCHITECTURE.md, "Ledger keys"). */
public final class Keys {
    public static final String TOKEN = "token";
    public static final String WALLET = "wallet";
    public static final String REQUEST = "request";
    /** {@code reqnonce~{dataUserMsp}~{nonce}}: a nonce is spent once per organisation. */
    public static final String REQUEST_NONCE = "reqnonce";

    public static final String PASS = "pass";
    public static final String PASS_BY_DATASET = "passbyds";
    public static final String JOB = "job";
    public static final String ROUND = "round";
    public static final String AUDIT = "audit";
    public static final String AUDIT_HEAD = "audithead";
    /** {@code usage~{datasetId}~{seq}}: providers' usage reports, numbered like the dataset's audit entries. */
    public static final String USAGE = "usage";
    /** {@code centerkey~{msp}~{fingerprint}}: certificates an organisation's data centers sign round usage with. */
    public static final String CENTER_KEY = "centerkey";

    private Keys() {}

    /** Fixed-width sequence numbers so that key order is numeric order. */
    public static String sequence(long n) {
        return String.format("%019d", n);
    }
}
