package org.fdcfabric.chaincode.testing;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.fdcfabric.protocol.KeyOrder;

/**
 * The write set one transaction builds on one channel, as Fabric's transaction simulator keeps it: writes are
 * staged per chaincode namespace and never read back by the same transaction; the last write of a key wins; an
 * empty value is a delete. It also enforces the simulator's rule that paginated queries and writes do not mix.
 */
final class Simulation {
    private final String txId;
    private final Map<String, NamespaceWrites> writes = new TreeMap<>();
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;

    Simulation(String txId) {
        this.txId = txId;
    }

    void put(String chaincode, String key, byte[] value) {
        checkWrite();
        namespace(chaincode).values.put(key, value.clone());
    }

    void putValidationParameter(String chaincode, String key, byte[] value) {
        checkWrite();
        namespace(chaincode).validationParameters.put(key, value.clone());
    }

    void beforePaginatedQuery() {
        if (writePerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsupported transaction. Paginated queries are"
                    + " supported only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
    }

    Map<String, NamespaceWrites> writes() {
        return writes;
    }

    boolean isEmpty() {
        return writes.values().stream().allMatch(NamespaceWrites::isEmpty);
    }

    private void checkWrite() {
        if (paginatedQueryPerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsupported transaction. Transaction has already"
                    + " performed a paginated query. Writes are not allowed");
        }
        writePerformed = true;
    }

    private NamespaceWrites namespace(String chaincode) {
        Objects.requireNonNull(chaincode, "chaincode");
        return writes.computeIfAbsent(chaincode, c -> new NamespaceWrites());
    }

    /** Staged writes of one chaincode namespace, in key order so commits are deterministic. */
    static final class NamespaceWrites {
        private final NavigableMap<String, byte[]> values = new TreeMap<>(KeyOrder.UTF8);
        private final NavigableMap<String, byte[]> validationParameters = new TreeMap<>(KeyOrder.UTF8);

        NavigableMap<String, byte[]> values() {
            return values;
        }

        NavigableMap<String, byte[]> validationParameters() {
            return validationParameters;
        }

        boolean isEmpty() {
            return values.isEmpty() && validationParameters.isEmpty();
        }
    }
}
