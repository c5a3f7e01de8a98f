package org.fdcfabric.devnet.ledger;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent read view of committed state at one block height. Chaincode simulation reads through one
 * snapshot so that every read of a transaction sees the same height (Fabric holds a read lock for this).
 */
public interface StateSnapshot extends AutoCloseable {
    /** Block height this view reflects (number of committed blocks). */
    long height();

    Optional<VersionedValue> get(String namespace, String key);

    /**
     * The key's state metadata ({@code GET_STATE_METADATA}), for example a key-level {@code VALIDATION_PARAMETER};
     * empty when the key or its metadata is absent.
     */
    Map<String, byte[]> metadata(String namespace, String key);

    /**
     * Keys in {@code [startKey, endKey)} in unsigned UTF-8 byte order; an empty {@code endKey} means to the end
     * of the namespace.
     */
    Iterator<StateEntry> range(String namespace, String startKey, String endKey);

    /** Valid writes and deletes of a key, oldest first. */
    List<HistoryEntry> history(String namespace, String key);

    @Override
    void close();
}
