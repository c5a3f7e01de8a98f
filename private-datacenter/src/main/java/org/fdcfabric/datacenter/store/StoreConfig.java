package org.fdcfabric.datacenter.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives. By default an H2 database file under the center's data directory; any JDBC URL
 * (for example {@code jdbc:postgresql://db/center}) when the institution runs its own database server.
 */
public record StoreConfig(Path dataDir, String jdbcUrl, String user, String password) {
    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
        }
    }

    /** The embedded default: {@code <dataDir>/store/center.mv.db}. */
    public static StoreConfig embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("store").resolve("center");
        return new StoreConfig(dataDir, "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /** The keystore of this center's secret keys. */
    public Path keystore() {
        return CenterKeys.defaultLocation(dataDir);
    }

    @Override
    public String toString() {
        return "StoreConfig[dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
    }
}
