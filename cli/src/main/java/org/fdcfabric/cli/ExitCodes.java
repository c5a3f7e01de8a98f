package org.fdcfabric.cli;

/**
 * The exit codes of {@code fdc}, stable so that scripts can branch on them (also listed in {@code fdc --help}).
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

    static final String HELP_FOOTER = """

            Exit codes:
              0  success
              1  internal error
              2  usage error (bad command line)
              3  invalid input, refused before sending
              4  rejected by the chaincode (its error code is shown)
              5  refused by the network (endorsement, ordering or an invalid commit)
              6  outcome unknown: the transaction may still commit (its id is shown)
              7  gateway unreachable or not answering
              8  connection profile or a file it names is missing or wrong
              9  not found""";

    private ExitCodes() {}
}
