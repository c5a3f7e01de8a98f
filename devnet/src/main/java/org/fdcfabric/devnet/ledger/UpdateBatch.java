package org.fdcfabric.devnet.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.fdcfabric.protocol.KeyOrder;

/**
 * Everything one block changes, applied by the ledger in one storage commit: state writes and deletes of the
 * valid transactions, their history entries, and the index record of every transaction id in the block.
 */
final class UpdateBatch {
    /** A pending write; {@code value == null} is a delete. */
    record KeyUpdate(StoredValue value) {
        boolean deleted() {
            return value == null;
        }
    }

    record HistoryRecord(String namespace, String key, long blockNum, long txNum, HistoryEntry entry) {}

    record IndexRecord(String txId, TxStatus status, int txNum) {}

    private final Map<String, NavigableMap<String, KeyUpdate>> state = new TreeMap<>();
    private final List<HistoryRecord> history = new ArrayList<>();
    private final List<IndexRecord> index = new ArrayList<>();

    void put(String namespace, String key, StoredValue value) {
        namespace(namespace).put(key, new KeyUpdate(value));
    }

    void delete(String namespace, String key) {
        namespace(namespace).put(key, new KeyUpdate(null));
    }

    /** The update an earlier transaction of this block made to the key, or null. */
    KeyUpdate pending(String namespace, String key) {
        NavigableMap<String, KeyUpdate> updates = state.get(namespace);
        return updates == null ? null : updates.get(key);
    }

    /** This block's updates of one namespace, in Fabric key order. */
    NavigableMap<String, KeyUpdate> pending(String namespace) {
        NavigableMap<String, KeyUpdate> updates = state.get(namespace);
        return updates == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(updates);
    }

    void addHistory(HistoryRecord record) {
        history.add(record);
    }

    void addIndex(IndexRecord record) {
        index.add(record);
    }

    Map<String, NavigableMap<String, KeyUpdate>> state() {
        return Collections.unmodifiableMap(state);
    }

    List<HistoryRecord> history() {
        return Collections.unmodifiableList(history);
    }

    List<IndexRecord> index() {
        return Collections.unmodifiableList(index);
    }

    private NavigableMap<String, KeyUpdate> namespace(String namespace) {
        return state.computeIfAbsent(namespace, ns -> new TreeMap<>(KeyOrder.UTF8));
    }
}
