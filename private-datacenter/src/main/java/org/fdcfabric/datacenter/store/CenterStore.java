package org.fdcfabric.datacenter.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Everything a data center keeps, opened together: its keys, its database (migrated), the raw readings, the
 * imported tables and the governed datasets.
 */
public final class CenterStore implements AutoCloseable {
    private final CenterKeys keys;
    private final CenterDatabase database;
    private final ReadingStore readings;
    private final DatasetStore datasets;
    private final TableStore tables;

    private CenterStore(CenterKeys keys, CenterDatabase database, MeterRegistry meters) {
        this.keys = keys;
        this.database = database;
        ReadingCipher cipher = new ReadingCipher(keys.readingKey());
        this.readings = new ReadingStore(database, cipher, meters);
        this.datasets = new DatasetStore(database);
        this.tables = new TableStore(database, cipher);
    }

    /** Opens (creating on first use) the keystore and the database described by the config. */
    public static CenterStore open(StoreConfig config, char[] keystorePassword) {
        // a composite with no registries is Micrometer's no-op registry
        return open(config, keystorePassword, new CompositeMeterRegistry());
    }

    /** As {@link #open(StoreConfig, char[])}, counting stored readings into {@code meters}. */
    public static CenterStore open(StoreConfig config, char[] keystorePassword, MeterRegistry meters) {
        CenterKeys keys = CenterKeys.openOrCreate(config.keystore(), keystorePassword);
        return new CenterStore(keys, CenterDatabase.open(config), meters);
    }

    public CenterKeys keys() {
        return keys;
    }

    public CenterDatabase database() {
        return database;
    }

    public ReadingStore readings() {
        return readings;
    }

    public DatasetStore datasets() {
        return datasets;
    }

    /** Imported tables (CSV files), sealed like the readings. */
    public TableStore tables() {
        return tables;
    }

    @Override
    public void close() {
        database.close();
    }
}
