package org.fdcfabric.datacenter.store;

import java.nio.file.Path;

/** A real center store (H2 file database, real keystore) in a temporary directory, fields for brevity in tests. */
public final class TestCenter implements AutoCloseable {
    public static final char[] PASSWORD = "test-keystore-password".toCharArray();

    public final StoreConfig config;
    public final CenterStore store;
    public final CenterKeys keys;
    public final CenterDatabase database;
    public final ReadingStore readings;

    public TestCenter(Path dataDir) {
        this.config = StoreConfig.embedded(dataDir);
        this.store = CenterStore.open(config, PASSWORD);
        this.keys = store.keys();
        this.database = store.database();
        this.readings = store.readings();
    }

    @Override
    public void close() {
        store.close();
    }
}
