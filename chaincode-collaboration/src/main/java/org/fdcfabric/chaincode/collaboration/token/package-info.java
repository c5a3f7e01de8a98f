/**
 * The {@code token} contract and the wallet ledger it shares with the job contract: organisation wallets and job
 * escrows whose balances always sum to the tokens minted.
 */
package org.fdcfabric.chaincode.collaboration.token;
