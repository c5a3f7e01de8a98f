/** Typed client of a peer's ledger queries ({@code qscc}): a channel's height and its blocks, as auditors read them. */
package org.fdcfabric.client.ledger;
