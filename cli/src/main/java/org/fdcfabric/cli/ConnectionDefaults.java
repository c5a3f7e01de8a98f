package org.fdcfabric.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.client.config.ConfigException;
import org.fdcfabric.client.config.ConfigTree;
import org.fdcfabric.devnet.Devnet;

/**
 * Which connection profile and identity a network command uses when its command line does not say, the same from
 * every working directory. Profile: {@code --profile}, then {@code $FDC_PROFILE}, then {@code profile:} in the user's
 * config file, then the default devnet's. Identity: {@code --as}, then {@code $FDC_AS}, then {@code as:} in the
 * config file, else none (the profile's only identity). The config file is
 * {@code ${XDG_CONFIG_HOME:-~/.config}/fdc/config.yaml}; the default devnet lives in {@code $FDC_DEVNET_DIR}
 * ({@code scripts/fdc} sets the checkout's {@code .fdc/devnet}), else {@code ${XDG_DATA_HOME:-~/.local/share}/fdc/devnet}.
 */
public final class ConnectionDefaults {
    public static final String PROFILE_VARIABLE = "FDC_PROFILE";
    public static final String IDENTITY_VARIABLE = "FDC_AS";
    public static final String DEVNET_VARIABLE = "FDC_DEVNET_DIR";

    private final Map<String, String> environment;

    public ConnectionDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The profile to use; {@code given} is the command line's {@code --profile}, or null. */
    public Path profile(Path given) throws ProfileInvalid {
        if (given != null) {
            return given;
        }
        Optional<String> fromEnvironment = variable(PROFILE_VARIABLE);
        if (fromEnvironment.isPresent()) {
            return Path.of(fromEnvironment.get());
        }
        Optional<ConfigTree> config = config();
        if (config.isPresent() && config.get().has("profile")) {
            try {
                return config.get().path("profile");
            } catch (ConfigException e) {
                throw new ProfileInvalid(configFile(), e.getMessage(), e);
            }
        }
        Path devnet = devnetDirectory().resolve(Devnet.PROFILE_FILE);
        if (!Files.exists(devnet)) {
            throw new ProfileInvalid(
                    devnet,
                    "no such connection profile. Looked for --profile (not given), $" + PROFILE_VARIABLE
                            + " (not set), 'profile:' in " + configFile()
                            + (config.isPresent() ? " (not there)" : " (no such file)")
                            + ", then this default devnet's profile: start the devnet with 'fdc devnet up' or pass"
                            + " --profile");
        }
        return devnet;
    }

    /** The identity to act as; {@code given} is the command line's {@code --as}; empty: the profile's only one. */
    public Optional<String> identity(String given) throws ProfileInvalid {
        if (given != null) {
            return Optional.of(given);
        }
        Optional<String> fromEnvironment = variable(IDENTITY_VARIABLE);
        if (fromEnvironment.isPresent()) {
            return fromEnvironment;
        }
        Optional<ConfigTree> config = config();
        if (config.isEmpty()) {
            return Optional.empty();
        }
        try {
            return config.get().optionalString("as");
        } catch (ConfigException e) {
            throw new ProfileInvalid(configFile(), e.getMessage(), e);
        }
    }

    /** Where {@code fdc devnet up} keeps its data unless {@code --dir} says otherwise. */
    public Path devnetDirectory() {
        return variable(DEVNET_VARIABLE).map(Path::of).orElseGet(() -> variable("XDG_DATA_HOME")
                .map(Path::of)
                .orElseGet(() -> home().resolve(".local").resolve("share"))
                .resolve("fdc")
                .resolve("devnet"));
    }

    /** The user's config file, whether or not it exists. */
    public Path configFile() {
        return variable("XDG_CONFIG_HOME")
                .map(Path::of)
                .orElseGet(() -> home().resolve(".config"))
                .resolve("fdc")
                .resolve("config.yaml");
    }

    private Optional<ConfigTree> config() throws ProfileInvalid {
        Path file = configFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigTree.read(file).only("profile", "as"));
        } catch (ConfigException e) {
            throw new ProfileInvalid(file, e.getMessage(), e);
        }
    }

    private Path home() {
        return variable("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    private Optional<String> variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
