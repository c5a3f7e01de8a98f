package org.fdcfabric.cli.network;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.Fdc;

/** One {@code fdc} command run in this JVM, as a user would type it, with what it printed and its exit code. */
public record FdcRun(int exit, String out, String err) {

    public static FdcRun of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Fdc.commandLine(new CliContext(
                        Connector.gateway(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of(),
                        Clock.systemUTC(),
                        new SecureRandom()))
                .execute(args.toArray(String[]::new));
        return new FdcRun(exit, out.toString(), err.toString());
    }
}
