package org.fdcfabric.devnet.ledger;

import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/** One channel's committed blocks, state and transaction index. */
public interface ChannelLedger {
    String channelId();

    /** Number of committed blocks (the next block's number). */
    long height();

    Block block(long number);

    Optional<TxStatus> txStatus(String txId);

    StateSnapshot snapshot();

    /** Registers a listener; returns a handle that removes it. */
    AutoCloseable addCommitListener(CommitListener listener);
}
