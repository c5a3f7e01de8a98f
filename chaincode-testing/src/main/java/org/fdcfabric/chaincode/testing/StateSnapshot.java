package org.fdcfabric.chaincode.testing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fdcfabric.protocol.KeyOrder;

/**
 * An immutable copy of every namespace's committed state, values rendered as UTF-8 text (or {@code hex:...} when
 * they are not UTF-8). Equal snapshots mean byte-identical state.
 */
public record StateSnapshot(SortedMap<NamespaceId, SortedMap<String, String>> namespaces) {
    public StateSnapshot {
        SortedMap<NamespaceId, SortedMap<String, String>> copy = new TreeMap<>();
        namespaces.forEach((id, entries) -> {
            SortedMap<String, String> inner = new TreeMap<>(KeyOrder.UTF8);
            inner.putAll(entries);
            copy.put(id, Collections.unmodifiableSortedMap(inner));
        });
        namespaces = Collections.unmodifiableSortedMap(copy);
    }

    public SortedMap<String, String> of(NamespaceId id) {
        return namespaces.getOrDefault(id, Collections.emptySortedMap());
    }

    public int size() {
        return namespaces.values().stream().mapToInt(SortedMap::size).sum();
    }

    static String render(byte[] value) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return "hex:" + HexFormat.of().formatHex(value);
        }
    }

    /** Composite keys print with {@code ~} for U+0000, so failure messages read like the ARCHITECTURE key table. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("StateSnapshot{");
        namespaces.forEach((id, entries) -> {
            out.append('\n').append("  ").append(id).append(':');
            entries.forEach((key, value) -> out.append("\n    ")
                    .append(StateView.readable(key))
                    .append(" = ")
                    .append(value));
        });
        return out.append("\n}").toString();
    }
}
