package org.fdcfabric.learning.tabular;

/**
 * A CSV file cannot be read as a table at all: nothing from it may be used. Rows that merely do not fit the schema
 * are not exceptions; {@link TabularCsvReport} counts and names them.
 */
public final class TabularCsvException extends RuntimeException {
    /** Why the file was refused. */
    public enum Code {
        /** The file does not exist or cannot be opened. */
        NO_SUCH_FILE,
        /** The file has no header line. */
        EMPTY_FILE,
        /** The header lacks a schema column or repeats a column. */
        HEADER_MISMATCH,
        /** The text is not CSV (for example a quote that never closes). */
        MALFORMED_CSV,
        /** The bytes are not text in the declared encoding. */
        BAD_ENCODING,
        /** Reading failed for another reason (I/O error). */
        UNREADABLE
    }

    private final Code code;

    public TabularCsvException(Code code, String message) {
        super(code.name() + ": " + message);
        this.code = code;
    }

    public TabularCsvException(Code code, String message, Throwable cause) {
        super(code.name() + ": " + message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
