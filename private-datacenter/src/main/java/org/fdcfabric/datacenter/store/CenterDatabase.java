package org.fdcfabric.datacenter.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The center's database connection, migrated to the current schema by Flyway on open. One connection, used by
 * one caller at a time: the data center writes from a few threads at most, and H2 embedded is fastest so.
 */
final class CenterDatabase implements AutoCloseable {
    private final Connection connection;
    private final int migrationsApplied;
    private final String schemaVersion;

    private CenterDatabase(Connection connection, int migrationsApplied, String schemaVersion) {
        this.connection = connection;
        this.migrationsApplied = migrationsApplied;
        this.schemaVersion = schemaVersion;
    }

    public static CenterDatabase open(StoreConfig config) {
        MigrateResult result;
        try {
            result = Flyway.configure()
                    .dataSource(config.jdbcUrl(), config.user(), config.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate the store at " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
        try {
            Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
            connection.setAutoCommit(false);
            return new CenterDatabase(connection, result.migrationsExecuted, result.targetSchemaVersion);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the store at " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** How many migrations this open applied (all of them on a fresh database, none on an up-to-date one). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** The schema version after migration, or null when this open applied nothing. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Work that runs inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public synchronized <T> T inTransaction(Work<T> work) {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("store transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing the store failed: " + e.getMessage(), e);
        }
    }
}
