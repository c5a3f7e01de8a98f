package org.fdcfabric.auditor;

import java.util.Optional;

/**
 * Audit subject names as both chaincodes write them: {@code token}, {@code wallet:{account}},
 * {@code request:{id}}, {@code pass:{id}}, {@code job:{id}}, {@code dataset:{id}}.
 */
final class Subjects {
    static final String TOKEN = "token";
    static final String WALLET = "wallet:";
    static final String REQUEST = "request:";
    static final String PASS = "pass:";
    static final String JOB = "job:";
    static final String DATASET = "dataset:";

    private Subjects() {}

    static String job(String jobId) {
        return JOB + jobId;
    }

    static String pass(String passId) {
        return PASS + passId;
    }

    static String dataset(String datasetId) {
        return DATASET + datasetId;
    }

    /** The id after {@code prefix}, when {@code subject} has that kind. */
    static Optional<String> idOf(String subject, String prefix) {
        return subject.startsWith(prefix) ? Optional.of(subject.substring(prefix.length())) : Optional.empty();
    }
}
