package org.fdcfabric.cli;

import java.nio.file.Path;
import java.util.Map;
import org.fdcfabric.client.ProfileInvalid;
import picocli.CommandLine.Option;

/**
 * The options every network command takes: who to act as, which network, and how to print. What they default to
 * is {@link ConnectionDefaults}'s to decide.
 */
public final class CommonOptions {
    @Option(
            names = "--as",
            paramLabel = "<identity>",
            description = "Identity from the profile to act as (default: $FDC_AS, else 'as:' in "
                    + "~/.config/fdc/config.yaml, else the profile's only one).")
    String identity;

    @Option(
            names = "--profile",
            paramLabel = "<file>",
            description = "Connection profile, YAML or JSON (default: $FDC_PROFILE, else 'profile:' in "
                    + "~/.config/fdc/config.yaml, else the default devnet's).")
    Path profile;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** The profile to use: the option, else what {@link ConnectionDefaults} finds. */
    public Path profile(Map<String, String> environment) throws ProfileInvalid {
        return new ConnectionDefaults(environment).profile(profile);
    }

    /** The identity to act as: the option, else what {@link ConnectionDefaults} finds; null: the profile's only one. */
    public String identity(Map<String, String> environment) throws ProfileInvalid {
        return new ConnectionDefaults(environment).identity(identity).orElse(null);
    }
}
