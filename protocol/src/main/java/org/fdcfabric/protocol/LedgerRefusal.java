package org.fdcfabric.protocol;

/**
 * The chain, or a port standing in for it, refused or could not be asked. {@link #code()} carries the chaincode's
 * stable error code as a value (for example {@code JOB_NOT_FOUND}, {@code PASS_REVOKED}), or
 * {@link #LEDGER_UNAVAILABLE} when the chain could not be reached, so callers branch on the code rather than
 * parse a message. The ports between the parties and the chain ({@code JobLedger}, {@code PassCheck},
 * {@code UclRegistry}) throw it.
 */
public final class LedgerRefusal extends RuntimeException {
    /** The code of a chain that could not be reached (network, timeout, endorsement failure). */
    public static final String LEDGER_UNAVAILABLE = "LEDGER_UNAVAILABLE";

    private final String code;

    public LedgerRefusal(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public LedgerRefusal(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    /** A refusal with one of the chaincodes' codes. */
    public LedgerRefusal(ErrorCode code, String message) {
        this(code.name(), message);
    }

    public String code() {
        return code;
    }
}
