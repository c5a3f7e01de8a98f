package org.fdcfabric.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of {@code fdc}: one table, stable so that scripts can branch on them. {@link #TABLE} is what
 * {@code fdc --help} prints and what docs/client.md lists (a test holds the two together).
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** A bug or an unexpected failure; the message says what happened. */
    public static final int INTERNAL = 1;
    /** The command line is wrong (unknown option, missing parameter). */
    public static final int USAGE = 2;
    /** An input broke a rule and was refused before anything was sent. */
    public static final int INVALID_INPUT = 3;
    /** The chaincode refused the transaction; its error code is shown. */
    public static final int REJECTED = 4;
    /** The network refused the transaction (endorsement, ordering, or an invalid commit). */
    public static final int FAILED = 5;
    /** The transaction was sent but its outcome is unknown; it may still commit. */
    public static final int UNKNOWN_OUTCOME = 6;
    /** The gateway could not be reached or did not answer in time. */
    public static final int UNREACHABLE = 7;
    /** The connection profile, or a file it names, is missing or wrong. */
    public static final int CONFIGURATION = 8;
    /** The thing asked for does not exist. */
    public static final int NOT_FOUND = 9;
    /** A proof, signature or audit trail does not verify, or an audit found violations: evidence of tampering. */
    public static final int NOT_VERIFIED = 10;
    /** A secret the command needs (keystore or database password) is not set or cannot be read. */
    public static final int SECRET_MISSING = 11;
    /** The command would overwrite or clash with something that exists (a stream, a running devnet). */
    public static final int CONFLICT = 12;

    /** Every code with its one-line meaning, in order: printed by {@code fdc --help}. */
    public static final Map<Integer, String> TABLE = table();

    private static Map<Integer, String> table() {
        Map<Integer, String> table = new LinkedHashMap<>();
        table.put(OK, "success");
        table.put(INTERNAL, "internal error (a bug; the message says what happened)");
        table.put(USAGE, "usage error: bad command line");
        table.put(INVALID_INPUT, "invalid input, refused before sending");
        table.put(REJECTED, "rejected by the chaincode (its error code is shown)");
        table.put(FAILED, "refused by the network (endorsement, ordering, commit) or a job failed");
        table.put(UNKNOWN_OUTCOME, "outcome unknown: the transaction may still commit (its id is shown)");
        table.put(UNREACHABLE, "gateway or service unreachable or not answering");
        table.put(CONFIGURATION, "connection profile, or a file it names, missing or wrong");
        table.put(NOT_FOUND, "not found");
        table.put(NOT_VERIFIED, "does not verify: proof, signature or audit trail, or audit violations");
        table.put(SECRET_MISSING, "a secret (keystore or database password) is not set or unreadable");
        table.put(CONFLICT, "conflicts with what exists (an existing stream, a running devnet)");
        return Collections.unmodifiableMap(table);
    }

    private ExitCodes() {}
}
