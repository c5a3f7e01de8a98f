/**
 * The peer's system chaincodes the devnet answers itself, without a chaincode server: {@code qscc}, Fabric's
 * ledger query chaincode (chain info, blocks by number, hash or transaction id, transactions by id).
 */
package org.fdcfabric.devnet.scc;
