package org.fdcfabric.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fdcfabric.protocol.KeyOrder;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/** Test access to one namespace's committed state: values, keys, history, and deliberate tampering. */
public final class StateView {
    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final NamespaceId id;
    private final InMemoryLedger ledger;

    StateView(NamespaceId id, InMemoryLedger ledger) {
        this.id = id;
        this.ledger = ledger;
    }

    public NamespaceId id() {
        return id;
    }

    /** The committed value as UTF-8 text. */
    public Optional<String> get(String key) {
        return bytes(key).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** The committed value of the composite key {@code objectType~attributes...}. */
    public Optional<String> get(String objectType, String... attributes) {
        return get(new CompositeKey(objectType, attributes).toString());
    }

    public Optional<byte[]> bytes(String key) {
        return Optional.ofNullable(state().get(key));
    }

    /** Every committed key in LevelDB order. */
    public List<String> keys() {
        return state().range("", "", Integer.MAX_VALUE).stream()
                .map(StateEntry::key)
                .toList();
    }

    /** Committed keys of the partial composite key {@code objectType~attributes...}. */
    public List<String> keys(String objectType, String... attributes) {
        String prefix = new CompositeKey(objectType, attributes).toString();
        return state().range(prefix, prefix + MAX_UNICODE_RUNE, Integer.MAX_VALUE).stream()
                .map(StateEntry::key)
                .toList();
    }

    /** Every committed key and value (UTF-8), in key order. */
    public SortedMap<String, String> entries() {
        SortedMap<String, String> entries = new TreeMap<>(KeyOrder.UTF8);
        state().copy().forEach((key, value) -> entries.put(key, StateSnapshot.render(value)));
        return entries;
    }

    public int size() {
        return keys().size();
    }

    /** The key's committed history, newest first. */
    public List<KeyHistoryEntry> history(String key) {
        return state().history(key);
    }

    /**
     * Replaces a committed value outside any transaction (no history, no tx id), or deletes it when {@code value}
     * is null: for tests that prove chaincode detects tampered or corrupt state.
     */
    public void overwrite(String key, String value) {
        state().overwrite(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static String readable(String key) {
        return key.replace(CompositeKey.NAMESPACE, "~");
    }

    private NamespaceState state() {
        return ledger.committed(id);
    }
}
