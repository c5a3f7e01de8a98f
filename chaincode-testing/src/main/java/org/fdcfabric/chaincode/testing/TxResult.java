package org.fdcfabric.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one transaction: the chaincode response (status, message, payload), its event, and whether the
 * ledger committed it. A submitted transaction commits when its status is below 400, as Fabric endorses it.
 * {@code ledgerErrors} says why the ledger refused a call the router then reported as "Unexpected error".
 */
public record TxResult(
        String txId,
        Instant timestamp,
        int status,
        String message,
        byte[] payload,
        Optional<TxEvent> event,
        boolean committed,
        List<String> ledgerErrors) {

    public TxResult {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        message = message == null ? "" : message;
        payload = payload == null ? new byte[0] : payload.clone();
        Objects.requireNonNull(event, "event");
        ledgerErrors = List.copyOf(ledgerErrors);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as UTF-8 text: the JSON a contract returned, or the error code a ChaincodeException carried. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 400;
    }

    /**
     * The error code of a failed transaction: the text before the first colon of the message, as FDC-Fabric
     * chaincode writes {@code "CODE: explanation"}; empty for a successful transaction.
     */
    public String errorCode() {
        if (isSuccess()) {
            return "";
        }
        int colon = message.indexOf(':');
        return colon < 0 ? message : message.substring(0, colon);
    }

    @Override
    public String toString() {
        return "TxResult[status=" + status + ", message=" + message + ", payload=" + payloadText() + ", event="
                + event.map(TxEvent::toString).orElse("none") + ", committed=" + committed
                + (ledgerErrors.isEmpty() ? "" : ", ledgerErrors=" + ledgerErrors) + ", txId=" + txId + "]";
    }
}
