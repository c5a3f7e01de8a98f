package org.fdcfabric.datacenter.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
            try {
                writeThrough(connection);
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return new CenterDatabase(connection, result.migrationsExecuted, result.targetSchemaVersion);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the store at " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * H2 acknowledges a commit before it is on disk: its MVStore writes committed changes from a background thread
     * up to WRITE_DELAY (500 ms by default) later, so a center killed with SIGKILL in that window came back without
     * a dataset it had reported stored. With a write delay of 0 every commit writes its changes to the file before
     * it returns (the operating system's page cache holds them through a process kill). The setting is stored in
     * the database, so it also covers an H2 URL an operator configured.
     */
    private static void writeThrough(Connection connection) throws SQLException {
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
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
