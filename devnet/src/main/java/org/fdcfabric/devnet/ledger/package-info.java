/**
 * A channel's ledger as a Fabric peer keeps it: hash-chained blocks, versioned world state, key history and
 * the transaction index, in an embedded storage engine; plus ordering (block cutting) and commit-time
 * validation (structure, signatures, endorsement policy, MVCC) that marks each transaction with Fabric's
 * {@code TxValidationCode}.
 */
package org.fdcfabric.devnet.ledger;
