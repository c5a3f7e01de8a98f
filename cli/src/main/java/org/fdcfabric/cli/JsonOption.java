package org.fdcfabric.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --json} for commands that do not talk to the network through {@link CommonOptions} (a data center's
 * local work, the devnet, experiments): the same flag, the same {@link Output}.
 */
public final class JsonOption {
    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** Where the command prints its result, in the chosen format. */
    public Output output(PrintWriter out) {
        return new Output(out, json);
    }
}
