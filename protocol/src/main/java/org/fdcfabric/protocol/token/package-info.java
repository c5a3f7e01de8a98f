/**
 * Value types of the {@code token} contract: token metadata, account balances and transfers. Accounts are
 * organisation wallets (named by MSP id) and job escrows ({@code escrow:{jobId}}).
 */
package org.fdcfabric.protocol.token;
