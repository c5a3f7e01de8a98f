package org.fdcfabric.cli;

/** What a command was asked to show does not exist (exit code {@link ExitCodes#NOT_FOUND}). */
public final class NotFound extends Exception {
    public NotFound(String message) {
        super(message);
    }
}
