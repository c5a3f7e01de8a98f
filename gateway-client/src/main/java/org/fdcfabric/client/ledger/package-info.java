/**
 * Typed clients of a peer's ledger: {@code qscc} (a channel's height, blocks, transactions with their validation
 * codes, as auditors and the explorer read them) and, in {@link org.fdcfabric.client.ledger.LedgerClient}, the
 * Deliver service's stream of new blocks.
 */
package org.fdcfabric.client.ledger;
