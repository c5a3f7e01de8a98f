package org.fdcfabric.datacenter.store;

import java.nio.file.Path;

/** A real center store (H2 file database, real keystore) in a temporary directory. */
public final class TestCenter implements AutoCloseable {
    public static final char[] PASSWORD = "test-keystore-password".toCharArray();

    public final StoreConfig config;
    public final CenterKeys keys;
    public final CenterDatabase database;
    public final ReadingStore readings;

    public TestCenter(Path dataDir) {
        this.config = StoreConfig.embedded(dataDir);
        this.keys = CenterKeys.openOrCreate(config.keystore(), PASSWORD);
        this.database = CenterDatabase.open(config);
        this.readings = new ReadingStore(database, new ReadingCipher(keys.readingKey()));
    }

    @Override
    public void close() {
        database.close();
    }
}
