package org.fdcfabric.devnet.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import org.fdcfabric.protocol.KeyOrder;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Read-only MVStore maps frozen at one committed block. MVStore pages are copy-on-write, so these views stay
 * consistent while later blocks are written; the ledger publishes a new view after each durable commit.
 */
final class CommittedView {
    private final long height;
    private final MVMap<Long, byte[]> blocks;
    private final MVMap<String, byte[]> txIndex;
    private final Map<String, MVMap<String, byte[]>> state;
    private final Map<String, MVMap<String, byte[]>> history;

    CommittedView(
            long height,
            MVMap<Long, byte[]> blocks,
            MVMap<String, byte[]> txIndex,
            Map<String, MVMap<String, byte[]>> state,
            Map<String, MVMap<String, byte[]>> history) {
        this.height = height;
        this.blocks = blocks;
        this.txIndex = txIndex;
        this.state = Map.copyOf(state);
        this.history = Map.copyOf(history);
    }

    long height() {
        return height;
    }

    Block block(long number) {
        byte[] bytes = number >= 0 && number < height ? blocks.get(number) : null;
        if (bytes == null) {
            throw new NoSuchElementException("no block " + number + "; the ledger height is " + height);
        }
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("stored block " + number + " does not parse", e);
        }
    }

    Optional<TxStatus> txStatus(String txId) {
        byte[] bytes = txIndex.get(txId);
        return bytes == null ? Optional.empty() : Optional.of(StoredRecords.decodeTxStatus(bytes));
    }

    boolean containsTx(String txId) {
        return txIndex.containsKey(txId);
    }

    Optional<StoredValue> value(String namespace, String key) {
        MVMap<String, byte[]> map = state.get(namespace);
        byte[] bytes = map == null ? null : map.get(key);
        return bytes == null ? Optional.empty() : Optional.of(StoredValue.decode(bytes));
    }

    /** Keys in {@code [startKey, endKey)}, or to the end of the namespace when {@code endKey} is empty. */
    Iterator<StateEntry> range(String namespace, String startKey, String endKey) {
        MVMap<String, byte[]> map = state.get(namespace);
        if (map == null) {
            return Collections.emptyIterator();
        }
        Cursor<String, byte[]> cursor = map.cursor(startKey);
        return new Iterator<>() {
            private StateEntry next = advance();

            private StateEntry advance() {
                if (!cursor.hasNext()) {
                    return null;
                }
                String key = cursor.next();
                if (!endKey.isEmpty() && KeyOrder.compare(key, endKey) >= 0) {
                    return null;
                }
                StoredValue stored = StoredValue.decode(cursor.getValue());
                return new StateEntry(key, stored.value(), stored.version());
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public StateEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                StateEntry current = next;
                next = advance();
                return current;
            }
        };
    }

    List<HistoryEntry> history(String namespace, String key) {
        MVMap<String, byte[]> map = history.get(namespace);
        if (map == null) {
            return List.of();
        }
        String prefix = StoredRecords.historyPrefix(key);
        List<HistoryEntry> entries = new ArrayList<>();
        Cursor<String, byte[]> cursor = map.cursor(prefix);
        while (cursor.hasNext() && cursor.next().startsWith(prefix)) {
            entries.add(StoredRecords.decodeHistory(cursor.getValue()));
        }
        return List.copyOf(entries);
    }

    /** The history entry a transaction wrote for the key, if stored. */
    Optional<HistoryEntry> historyEntry(String namespace, String key, long blockNum, long txNum) {
        MVMap<String, byte[]> map = history.get(namespace);
        byte[] bytes = map == null ? null : map.get(StoredRecords.historyKey(key, blockNum, txNum));
        return bytes == null ? Optional.empty() : Optional.of(StoredRecords.decodeHistory(bytes));
    }

    SortedMap<String, byte[]> metadata(String namespace, String key) {
        return value(namespace, key).map(StoredValue::metadata).orElse(Collections.emptySortedMap());
    }
}
