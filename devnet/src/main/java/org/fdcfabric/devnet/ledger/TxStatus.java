package org.fdcfabric.devnet.ledger;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Where and how a transaction id was committed: the first occurrence in the block index. */
public record TxStatus(TxValidationCode code, long blockNumber) {}
