package org.fdcfabric.client.tx;

/**
 * A transaction that committed VALID: its result and where it landed.
 *
 * @param attempts proposals it took (more than one after read conflicts)
 */
public record Committed<T>(T value, String transactionId, long blockNumber, int attempts) {}
