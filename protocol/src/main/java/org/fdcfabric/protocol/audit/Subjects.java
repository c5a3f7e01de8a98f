package org.fdcfabric.protocol.audit;

import java.util.Optional;

/**
 * Audit subjects name what a trail is about, with a kind prefix so that ids of different kinds never share a
 * trail: {@code token}, {@code wallet:{account}}, {@code request:{id}}, {@code pass:{id}}, {@code job:{id}},
 * {@code dataset:{id}}. Both chaincodes write them and the auditor reads them, from this one definition.
 */
public final class Subjects {
    public static final String TOKEN = "token";
    public static final String WALLET = "wallet:";
    public static final String REQUEST = "request:";
    public static final String PASS = "pass:";
    public static final String JOB = "job:";
    public static final String DATASET = "dataset:";

    private Subjects() {}

    public static String wallet(String account) {
        return WALLET + account;
    }

    public static String request(String requestId) {
        return REQUEST + requestId;
    }

    public static String pass(String passId) {
        return PASS + passId;
    }

    public static String job(String jobId) {
        return JOB + jobId;
    }

    public static String dataset(String datasetId) {
        return DATASET + datasetId;
    }

    /** The id after {@code prefix}, when {@code subject} has that kind. */
    public static Optional<String> idOf(String subject, String prefix) {
        return subject.startsWith(prefix) ? Optional.of(subject.substring(prefix.length())) : Optional.empty();
    }
}
