package org.fdcfabric.explorer.chain;

import java.util.List;

/** A block: number, the hashes its header carries (hex) and its transactions. */
public record BlockRow(String channel, long number, String previousHash, String dataHash, List<TxRow> transactions) {
    public BlockRow {
        transactions = List.copyOf(transactions);
    }

    public int size() {
        return transactions.size();
    }
}
