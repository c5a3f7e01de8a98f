package org.fdcfabric.devnet.ledger;

import java.nio.ByteBuffer;
import org.fdcfabric.protocol.KeyOrder;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.StringDataType;

/** MVStore key type for state keys: stored like {@link StringDataType}, ordered as Fabric orders keys. */
final class Utf8KeyType extends BasicDataType<String> {
    @Override
    public int getMemory(String key) {
        return StringDataType.INSTANCE.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, String key) {
        StringDataType.INSTANCE.write(buffer, key);
    }

    @Override
    public String read(ByteBuffer buffer) {
        return StringDataType.INSTANCE.read(buffer);
    }

    @Override
    public int compare(String a, String b) {
        return KeyOrder.compare(a, b);
    }

    @Override
    public String[] createStorage(int size) {
        return new String[size];
    }
}
