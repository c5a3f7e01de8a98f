package org.fdcfabric.chaincode.testing;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A key and its value as a range query returns them. */
record StateEntry(String key, byte[] value) implements KeyValue {
    StateEntry {
        value = value.clone();
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public byte[] getValue() {
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
