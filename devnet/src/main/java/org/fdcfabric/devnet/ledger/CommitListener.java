package org.fdcfabric.devnet.ledger;

import org.hyperledger.fabric.protos.common.Block;

/** Told of each block after it is durably committed; its TRANSACTIONS_FILTER metadata holds the codes. */
@FunctionalInterface
public interface CommitListener {
    void committed(String channelId, Block block);
}
