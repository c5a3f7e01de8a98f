package org.fdcfabric.devnet.ledger;

import com.google.protobuf.Timestamp;

/** One valid write or delete of a key, oldest first, as {@code GET_HISTORY_FOR_KEY} returns it. */
public record HistoryEntry(String txId, Timestamp timestamp, boolean deleted, byte[] value) {}
