package org.fdcfabric.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs {@code fdc} in-process with captured output, a fixed clock and a chosen environment. */
final class CliHarness {
    static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CliContext context;

    CliHarness(Connector connector, Map<String, String> environment) {
        this.context = new CliContext(
                connector,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                environment,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom());
    }

    CliHarness() {
        this(Connector.gateway(), Map.of());
    }

    int run(String... args) {
        // as fdc's main builds it: only the group args name
        return Fdc.commandLine(context, args).execute(args);
    }

    CliContext context() {
        return context;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
