package org.fdcfabric.cli.dataset;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import picocli.CommandLine.Option;

/**
 * Where a data center keeps its data: the data directory (keystore, default H2 database), optionally another
 * JDBC database, and where the keystore password comes from (a file, or an environment variable, never a
 * command-line argument, which other users of the machine could read). A missing or unreadable secret has its
 * own exit code ({@link ExitCodes#SECRET_MISSING}): it is neither a bug nor a connection-profile problem.
 */
public final class CenterOptions {
    static final String PASSWORD_ENV = "FDC_KEYSTORE_PASSWORD";

    @Option(
            names = "--data-dir",
            required = true,
            paramLabel = "<dir>",
            description = "The data center's data directory.")
    Path dataDir;

    @Option(
            names = "--jdbc-url",
            paramLabel = "<url>",
            description = "A JDBC URL instead of the embedded H2 file (e.g. PostgreSQL).")
    String jdbcUrl;

    @Option(
            names = "--db-user",
            defaultValue = "sa",
            paramLabel = "<user>",
            description = "Database user (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(
            names = "--db-password-env",
            paramLabel = "<variable>",
            description = "Environment variable holding the database password.")
    String dbPasswordEnv;

    @Option(
            names = "--keystore-password-file",
            paramLabel = "<file>",
            description = "File holding the keystore password (default: the " + PASSWORD_ENV + " variable).")
    Path keystorePasswordFile;

    private final Map<String, String> environment;

    public CenterOptions() {
        this(System.getenv());
    }

    CenterOptions(Map<String, String> environment) {
        this.environment = environment;
    }

    StoreConfig storeConfig() throws CommandFailed {
        if (jdbcUrl == null) {
            return StoreConfig.embedded(dataDir);
        }
        String password = dbPasswordEnv == null ? "" : requireEnv(dbPasswordEnv);
        return new StoreConfig(dataDir, jdbcUrl, dbUser, password);
    }

    char[] keystorePassword() throws CommandFailed {
        if (keystorePasswordFile != null) {
            try {
                return Files.readString(keystorePasswordFile, StandardCharsets.UTF_8)
                        .strip()
                        .toCharArray();
            } catch (IOException e) {
                throw new CommandFailed(
                        "cannot read the keystore password file " + keystorePasswordFile + ": " + e,
                        ExitCodes.SECRET_MISSING);
            }
        }
        return requireEnv(PASSWORD_ENV).toCharArray();
    }

    private String requireEnv(String name) throws CommandFailed {
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw new CommandFailed("environment variable " + name + " is not set", ExitCodes.SECRET_MISSING);
        }
        return value;
    }

    public CenterStore open() throws CommandFailed {
        return CenterStore.open(storeConfig(), keystorePassword());
    }

    /** As {@link #open()}, counting stored readings into {@code meters}. */
    public CenterStore open(MeterRegistry meters) throws CommandFailed {
        return CenterStore.open(storeConfig(), keystorePassword(), meters);
    }
}
