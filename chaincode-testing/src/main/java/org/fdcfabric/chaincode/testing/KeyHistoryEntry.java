package org.fdcfabric.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * One committed change of a key: the writing transaction, its timestamp, and the value written (empty when the
 * change was a delete), as {@code getHistoryForKey} returns it.
 */
public record KeyHistoryEntry(String txId, Instant timestamp, byte[] value, boolean deleted)
        implements KeyModification {
    public KeyHistoryEntry {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        value = value == null ? new byte[0] : value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public byte[] getValue() {
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return text();
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public boolean isDeleted() {
        return deleted;
    }
}
