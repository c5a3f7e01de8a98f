package org.fdcfabric.protocol;

/**
 * An input broke a validation rule. {@link #code()} is stable and machine-readable (for example
 * {@code INVALID_DATASET_ID}); chaincode passes it on to clients unchanged.
 */
public final class InvalidInputException extends RuntimeException {
    private final String code;

    public InvalidInputException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public InvalidInputException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
