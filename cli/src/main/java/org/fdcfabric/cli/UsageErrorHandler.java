package org.fdcfabric.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line gets one error line, suggestions for a mistyped name and a pointer to the command's help
 * (exit {@link ExitCodes#USAGE}), instead of the whole help text; with {@code --json}, the error document.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    private final PrintWriter err;

    UsageErrorHandler(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        if (ErrorRenderer.wantsJson(args)) {
            return new ErrorRenderer(err).render(e, true);
        }
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for its options and examples.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
