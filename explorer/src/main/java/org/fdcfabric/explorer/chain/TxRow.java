package org.fdcfabric.explorer.chain;

import java.time.Instant;

/**
 * One transaction as a block shows it: its id, header type, validation code, the chaincode and function it invoked
 * (empty for configuration), who signed it and when.
 */
public record TxRow(
        String channel,
        long block,
        int index,
        String txId,
        String type,
        String validationCode,
        String chaincode,
        String function,
        String creatorMsp,
        Instant timestamp) {
    public boolean valid() {
        return "VALID".equals(validationCode);
    }
}
