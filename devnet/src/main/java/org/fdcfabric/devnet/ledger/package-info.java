/**
 * A channel's ledger as a Fabric peer keeps it: hash-chained blocks, versioned world state, key history and
 * the transaction index in one H2 MVStore file per channel ({@link org.fdcfabric.devnet.ledger.MvStoreLedger}),
 * and the committing peer ({@link org.fdcfabric.devnet.ledger.BlockCommitter}) that validates each block
 * (structure, signatures, endorsement policy, duplicate ids, MVCC) and marks every transaction with Fabric's
 * {@code TxValidationCode}.
 */
package org.fdcfabric.devnet.ledger;
