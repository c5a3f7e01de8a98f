package org.fdcfabric.cli;

/** A command ran but its answer is a failure (for example a trail that does not verify); carries the exit code. */
public final class CommandFailed extends Exception {
    private final int exitCode;

    public CommandFailed(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
