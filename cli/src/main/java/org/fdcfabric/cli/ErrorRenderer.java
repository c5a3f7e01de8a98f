package org.fdcfabric.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.CommitFailed;
import org.fdcfabric.client.CommitUnknown;
import org.fdcfabric.client.EndorsementFailed;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.client.ResponseUnreadable;
import org.fdcfabric.client.SubmitFailed;
import org.fdcfabric.client.Unreachable;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear message on stderr and its exit code: a chaincode error shows its code and
 * message, a connection error names the endpoint and the reason, a profile error names the file.
 */
public final class ErrorRenderer implements IExecutionExceptionHandler {
    private final PrintWriter err;

    public ErrorRenderer(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        ParseResult executed = parseResult;
        while (executed.hasSubcommand()) {
            executed = executed.subcommand();
        }
        return render(e, executed.hasMatchedOption("--json"));
    }

    /** Whether a command line asked for JSON, for errors raised before it was parsed in full. */
    static boolean wantsJson(String[] args) {
        return Arrays.asList(args).contains("--json");
    }

    /** Prints the failure and returns its exit code. */
    public int render(Exception e, boolean json) {
        Map<String, Object> error = new LinkedHashMap<>();
        int exit;
        String text;
        if (e instanceof ChaincodeRejected r) {
            exit = ExitCodes.REJECTED;
            error.put("code", r.code());
            error.put("transaction", r.transaction());
            text = r.code() + ": " + r.detail() + " (" + r.transaction() + ")";
        } else if (e instanceof InvalidInputException i) {
            exit = ExitCodes.INVALID_INPUT;
            error.put("code", i.code());
            text = i.getMessage();
        } else if (e instanceof CommitFailed c) {
            exit = ExitCodes.FAILED;
            error.put("code", c.validationCode().name());
            error.put("transactionId", c.transactionId());
            text = c.getMessage();
        } else if (e instanceof EndorsementFailed || e instanceof SubmitFailed || e instanceof ResponseUnreadable) {
            exit = ExitCodes.FAILED;
            text = e.getMessage();
        } else if (e instanceof CommitUnknown u) {
            exit = ExitCodes.UNKNOWN_OUTCOME;
            error.put("transactionId", u.transactionId());
            text = u.getMessage();
        } else if (e instanceof Unreachable u) {
            exit = ExitCodes.UNREACHABLE;
            error.put("endpoint", u.endpoint());
            text = u.getMessage();
        } else if (e instanceof ProfileInvalid p) {
            exit = ExitCodes.CONFIGURATION;
            error.put("file", p.file().toString());
            text = p.getMessage();
        } else if (e instanceof CommandLine.ParameterException) {
            exit = ExitCodes.USAGE;
            text = e.getMessage();
        } else if (e instanceof CommandFailed f) {
            exit = f.exitCode();
            text = f.getMessage();
        } else if (e instanceof NotFound) {
            exit = ExitCodes.NOT_FOUND;
            text = e.getMessage();
        } else {
            exit = ExitCodes.INTERNAL;
            text = "internal error: " + e;
        }
        error.put("type", e.getClass().getSimpleName());
        error.put("message", text);
        error.put("exitCode", exit);
        err.println(json ? CanonicalJson.write(Map.of("error", error)) : "error: " + text);
        err.flush();
        return exit;
    }
}
