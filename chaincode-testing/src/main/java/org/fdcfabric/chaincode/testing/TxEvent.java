package org.fdcfabric.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The chaincode event a transaction emitted: Fabric keeps only the last {@code setEvent} of the called chaincode. */
public record TxEvent(String name, byte[] payload) {
    public TxEvent {
        Objects.requireNonNull(name, "name");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TxEvent[" + name + ": " + payloadText() + "]";
    }
}
