package org.fdcfabric.protocol.audit;

import java.util.List;
import java.util.Optional;

/**
 * Audit subjects name what a trail is about, with a kind prefix so that ids of different kinds never share a
 * trail: {@code token}, {@code wallet:{account}}, {@code request:{id}}, {@code pass:{id}}, {@code job:{id}},
 * {@code dataset:{id}}, {@code centerkeys:{msp}}. Both chaincodes write them and the auditor reads them, from this one definition.
 */
public final class Subjects {
    public static final String TOKEN = "token";
    public static final String WALLET = "wallet:";
    public static final String REQUEST = "request:";
    public static final String PASS = "pass:";
    public static final String JOB = "job:";
    public static final String DATASET = "dataset:";
    /** The center keys an organisation registered ({@code job:RegisterCenterKey}). */
    public static final String CENTER_KEYS = "centerkeys:";

    /** The kinds that carry an id after the prefix. */
    private static final List<String> KINDS_WITH_ID = List.of(WALLET, REQUEST, PASS, JOB, DATASET, CENTER_KEYS);

    private static final int MAX_ID_LENGTH = 256;

    private Subjects() {}

    /**
     * Whether {@code subject} names a trail that could exist: {@link #TOKEN}, or a known kind followed by a
     * non-empty id without whitespace. Anything else is a typing mistake, not an empty trail.
     */
    public static boolean wellFormed(String subject) {
        if (subject == null) {
            return false;
        }
        if (subject.equals(TOKEN)) {
            return true;
        }
        return KINDS_WITH_ID.stream()
                .anyMatch(kind -> subject.startsWith(kind)
                        && subject.length() > kind.length()
                        && subject.length() - kind.length() <= MAX_ID_LENGTH
                        && subject.substring(kind.length())
                                .chars()
                                .noneMatch(c -> Character.isWhitespace(c) || c < 0x20));
    }

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

    public static String centerKeys(String msp) {
        return CENTER_KEYS + msp;
    }

    /** The id after {@code prefix}, when {@code subject} has that kind. */
    public static Optional<String> idOf(String subject, String prefix) {
        return subject.startsWith(prefix) ? Optional.of(subject.substring(prefix.length())) : Optional.empty();
    }
}
