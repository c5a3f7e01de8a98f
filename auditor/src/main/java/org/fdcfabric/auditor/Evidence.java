package org.fdcfabric.auditor;

import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the evidence of one violation. Transaction ids are looked up for their block number, so each can be
 * found in the chain independently of any peer's query answers.
 */
final class Evidence {
    private final ChainReader reader;
    private final Map<String, String> values = new TreeMap<>();

    Evidence(ChainReader reader) {
        this.reader = reader;
    }

    Evidence put(String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
        return this;
    }

    /** {@code <name>TxId} and, when the reader knows it, {@code <name>Block}. */
    Evidence tx(String name, String txId) {
        if (txId != null) {
            values.put(name + "TxId", txId);
            reader.blockOf(txId).ifPresent(block -> values.put(name + "Block", Long.toString(block)));
        }
        return this;
    }

    Map<String, String> values() {
        return values;
    }
}
