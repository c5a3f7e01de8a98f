package org.fdcfabric.devnet.chaincode;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.fdcfabric.devnet.ledger.HistoryEntry;
import org.fdcfabric.devnet.ledger.StateEntry;
import org.fdcfabric.devnet.ledger.StateSnapshot;
import org.fdcfabric.devnet.ledger.Version;
import org.fdcfabric.devnet.ledger.VersionedValue;
import org.fdcfabric.protocol.KeyOrder;

/** Committed state for runtime tests (the ledger module provides the real, durable one). */
final class InMemoryState {
    private final Map<String, NavigableMap<String, VersionedValue>> state = new ConcurrentHashMap<>();
    private final Map<String, List<HistoryEntry>> history = new ConcurrentHashMap<>();

    void commit(String namespace, String key, String value, Version version, String txId) {
        NavigableMap<String, VersionedValue> ns = state.computeIfAbsent(namespace, n -> new TreeMap<>(KeyOrder.UTF8));
        byte[] bytes = value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes == null) {
            ns.remove(key);
        } else {
            ns.put(key, new VersionedValue(bytes, version));
        }
        history.computeIfAbsent(namespace + "/" + key, k -> new ArrayList<>())
                .add(new HistoryEntry(
                        txId,
                        Timestamp.newBuilder().setSeconds(version.blockNum()).build(),
                        bytes == null,
                        bytes));
    }

    StateSnapshot snapshot() {
        Map<String, NavigableMap<String, VersionedValue>> copy = new TreeMap<>();
        state.forEach((ns, values) -> {
            TreeMap<String, VersionedValue> c = new TreeMap<>(KeyOrder.UTF8);
            c.putAll(values);
            copy.put(ns, c);
        });
        return new StateSnapshot() {
            @Override
            public long height() {
                return 0;
            }

            @Override
            public Optional<VersionedValue> get(String namespace, String key) {
                return Optional.ofNullable(
                        copy.getOrDefault(namespace, new TreeMap<>()).get(key));
            }

            @Override
            public Map<String, byte[]> metadata(String namespace, String key) {
                return Map.of();
            }

            @Override
            public Iterator<StateEntry> range(String namespace, String startKey, String endKey) {
                NavigableMap<String, VersionedValue> ns = copy.getOrDefault(namespace, new TreeMap<>(KeyOrder.UTF8));
                NavigableMap<String, VersionedValue> view =
                        endKey.isEmpty() ? ns.tailMap(startKey, true) : ns.subMap(startKey, true, endKey, false);
                return view.entrySet().stream()
                        .map(e -> new StateEntry(
                                e.getKey(), e.getValue().value(), e.getValue().version()))
                        .iterator();
            }

            @Override
            public List<HistoryEntry> history(String namespace, String key) {
                return List.copyOf(history.getOrDefault(namespace + "/" + key, List.of()));
            }

            @Override
            public void close() {}
        };
    }
}
