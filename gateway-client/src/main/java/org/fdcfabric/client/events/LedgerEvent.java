package org.fdcfabric.client.events;

import com.fasterxml.jackson.core.type.TypeReference;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * A chaincode event from a committed, valid transaction.
 *
 * @param payload the event's JSON payload as text (empty when the chaincode sent none)
 */
public record LedgerEvent(String chaincode, long blockNumber, String transactionId, String name, String payload) {

    /** The payload read as a protocol record; throws {@code InvalidInputException} when it is not one. */
    public <T> T payloadAs(Class<T> type) {
        return CanonicalJson.read(payload, type);
    }

    public <T> T payloadAs(TypeReference<T> type) {
        return CanonicalJson.read(payload, type);
    }
}
