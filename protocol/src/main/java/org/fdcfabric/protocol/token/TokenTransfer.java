package org.fdcfabric.protocol.token;

/**
 * One movement of tokens. A mint has no {@code from}; every other movement is between two distinct accounts.
 *
 * @param reason why the tokens moved: {@code mint}, {@code transfer}, {@code escrow}, {@code payout},
 *     {@code compute-fee} or {@code refund}
 */
public record TokenTransfer(String from, String to, long amount, String reason) {}
