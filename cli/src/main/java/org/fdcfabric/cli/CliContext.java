package org.fdcfabric.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * What commands need from outside: how to connect, where to print, the environment, the clock and a source of
 * randomness (request nonces). {@code fdc} builds the real one; tests pass their own.
 */
public record CliContext(
        Connector connector,
        PrintWriter out,
        PrintWriter err,
        Map<String, String> environment,
        Clock clock,
        SecureRandom random) {

    public static CliContext system() {
        return new CliContext(
                Connector.gateway(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                System.getenv(),
                Clock.systemUTC(),
                new SecureRandom());
    }
}
