package org.fdcfabric.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every network command takes: who to act as, which network, and how to print. */
public final class CommonOptions {
    /** Where {@code fdc devnet up} writes the devnet's profile, relative to the working directory. */
    public static final Path DEVNET_PROFILE = Path.of(".fdc", "devnet", "connection-profile.json");

    @Option(
            names = "--as",
            paramLabel = "<identity>",
            description = "Identity from the profile to act as (optional when the profile has only one).")
    String identity;

    @Option(
            names = "--profile",
            paramLabel = "<file>",
            description = "Connection profile, YAML or JSON (default: $FDC_PROFILE, else "
                    + ".fdc/devnet/connection-profile.json).")
    Path profile;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    public String identity() {
        return identity;
    }

    public boolean json() {
        return json;
    }

    /** The profile to use: the option, else {@code FDC_PROFILE}, else the devnet's. */
    public Path profile(java.util.Map<String, String> environment) {
        if (profile != null) {
            return profile;
        }
        String fromEnvironment = environment.get("FDC_PROFILE");
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEVNET_PROFILE : Path.of(fromEnvironment);
    }
}
