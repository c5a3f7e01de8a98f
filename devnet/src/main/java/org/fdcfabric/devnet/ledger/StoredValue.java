package org.fdcfabric.devnet.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A key's committed value as stored: version, value and state metadata (for example a key-level
 * {@code VALIDATION_PARAMETER}). Encoded by hand, compactly and without Java serialization.
 */
record StoredValue(Version version, byte[] value, SortedMap<String, byte[]> metadata) {
    StoredValue {
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    byte[] encode() {
        int size = 8 + 8 + 4 + value.length + 4;
        for (Map.Entry<String, byte[]> entry : metadata.entrySet()) {
            size += 4 + entry.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + entry.getValue().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(version.blockNum()).putLong(version.txNum());
        buffer.putInt(value.length).put(value);
        buffer.putInt(metadata.size());
        for (Map.Entry<String, byte[]> entry : metadata.entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            buffer.putInt(name.length).put(name);
            buffer.putInt(entry.getValue().length).put(entry.getValue());
        }
        return buffer.array();
    }

    static StoredValue decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Version version = new Version(buffer.getLong(), buffer.getLong());
        byte[] value = bytes(buffer);
        int entries = buffer.getInt();
        SortedMap<String, byte[]> metadata = new TreeMap<>();
        for (int i = 0; i < entries; i++) {
            metadata.put(new String(bytes(buffer), StandardCharsets.UTF_8), bytes(buffer));
        }
        return new StoredValue(version, value, metadata);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.getInt()];
        buffer.get(out);
        return out;
    }
}
