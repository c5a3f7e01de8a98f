package org.fdcfabric.chaincode.collaboration.audit;

/**
 * Audit subjects name what a trail is about, with a kind prefix so that ids of different kinds never share a
 * trail: {@code token}, {@code wallet:{account}}, {@code request:{id}}, {@code pass:{id}}, {@code job:{id}},
 * {@code dataset:{id}}, {@code centerkeys:{msp}}.
 */
public final class Subjects {
    public static final String TOKEN = "token";

    private Subjects() {}

    public static String wallet(String account) {
        return "wallet:" + account;
    }

    public static String request(String requestId) {
        return "request:" + requestId;
    }

    public static String pass(String passId) {
        return "pass:" + passId;
    }

    public static String job(String jobId) {
        return "job:" + jobId;
    }

    public static String dataset(String datasetId) {
        return "dataset:" + datasetId;
    }

    /** The center keys an organisation registered. */
    public static String centerKeys(String msp) {
        return "centerkeys:" + msp;
    }
}
