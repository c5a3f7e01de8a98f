package org.fdcfabric.explorer.chain;

import java.util.List;
import java.util.Optional;
import org.fdcfabric.auditor.ChainReader;
import org.fdcfabric.protocol.pass.AccessPass;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * Everything the explorer shows, read as one identity; nothing here submits. The FDC records come through the
 * auditor's {@link ChainReader} (so the audit findings and the pages read the same thing), the ledger itself
 * through {@code qscc} and block events. Failures are {@link org.fdcfabric.auditor.ChainReadException}s.
 */
public interface ChainSource {
    /** The FDC records: datasets, requests, passes, jobs, rounds, tokens, trails, usage. */
    ChainReader records();

    /** The channels, registration first. */
    List<String> channels();

    BlockchainInfo chainInfo(String channel);

    Optional<Block> block(String channel, long number);

    /** The channel and block holding the transaction, searching every channel. */
    Optional<Located> blockOfTransaction(String txId);

    /** Every pass granted on a dataset. */
    List<AccessPass> passesOf(String datasetId);

    /**
     * Calls {@code listener} with every block committed on {@code channel} from {@code startBlock} on, on a thread
     * of its own, until the returned handle is closed.
     */
    AutoCloseable followBlocks(String channel, long startBlock, BlockListener listener);

    /** A block and the channel it is on. */
    record Located(String channel, Block block) {}

    /** Receives followed blocks. */
    @FunctionalInterface
    interface BlockListener {
        void onBlock(String channel, Block block);
    }
}
