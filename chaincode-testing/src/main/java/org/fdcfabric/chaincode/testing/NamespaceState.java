package org.fdcfabric.chaincode.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fdcfabric.protocol.KeyOrder;

/** The committed state of one namespace: values in LevelDB key order, key-level validation parameters and history. */
final class NamespaceState {
    private final NavigableMap<String, byte[]> values = new TreeMap<>(KeyOrder.UTF8);
    private final NavigableMap<String, byte[]> validationParameters = new TreeMap<>(KeyOrder.UTF8);
    private final Map<String, List<KeyHistoryEntry>> history = new TreeMap<>(KeyOrder.UTF8);

    /** The committed value, or null when the key is absent. */
    byte[] get(String key) {
        byte[] value = values.get(key);
        return value == null ? null : value.clone();
    }

    byte[] validationParameter(String key) {
        byte[] value = validationParameters.get(key);
        return value == null ? null : value.clone();
    }

    /** Keys in {@code [start, end)}; an empty {@code end} means no upper bound, as in Fabric. */
    List<StateEntry> range(String start, String end, int limit) {
        SortedMap<String, byte[]> slice;
        if (end.isEmpty()) {
            slice = values.tailMap(start, true);
        } else if (KeyOrder.compare(start, end) >= 0) {
            return List.of();
        } else {
            slice = values.subMap(start, true, end, false);
        }
        List<StateEntry> result = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : slice.entrySet()) {
            if (result.size() == limit) {
                break;
            }
            result.add(new StateEntry(entry.getKey(), entry.getValue()));
        }
        return result;
    }

    /** History newest first, as Fabric 2.x returns it. */
    List<KeyHistoryEntry> history(String key) {
        List<KeyHistoryEntry> entries = new ArrayList<>(history.getOrDefault(key, List.of()));
        Collections.reverse(entries);
        return entries;
    }

    void commit(Simulation.NamespaceWrites writes, String txId, Instant timestamp) {
        writes.values().forEach((key, value) -> {
            boolean deleted = value.length == 0;
            if (deleted) {
                values.remove(key);
            } else {
                values.put(key, value.clone());
            }
            history.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new KeyHistoryEntry(txId, timestamp, value, deleted));
        });
        writes.validationParameters().forEach((key, value) -> {
            if (value.length == 0) {
                validationParameters.remove(key);
            } else {
                validationParameters.put(key, value.clone());
            }
        });
    }

    /** Replaces a value outside any transaction (no history): lets tests model tampering or legacy state. */
    void overwrite(String key, byte[] value) {
        if (value == null || value.length == 0) {
            values.remove(key);
        } else {
            values.put(key, value.clone());
        }
    }

    SortedMap<String, byte[]> copy() {
        SortedMap<String, byte[]> copy = new TreeMap<>(KeyOrder.UTF8);
        values.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }
}
