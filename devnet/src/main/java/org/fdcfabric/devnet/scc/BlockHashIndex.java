package org.fdcfabric.devnet.scc;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.devnet.ledger.BlockHashes;
import org.fdcfabric.devnet.ledger.ChannelLedger;

/**
 * Block number by header hash for one channel ({@code blockindex.go}'s hash index). The ledger stores blocks by
 * number only, so this index is built in memory on first use and extended with the blocks committed since, each
 * block hashed once.
 */
final class BlockHashIndex {
    private final ChannelLedger ledger;
    private final Map<ByteString, Long> numbers = new HashMap<>();
    private long indexedHeight;

    BlockHashIndex(ChannelLedger ledger) {
        this.ledger = ledger;
    }

    synchronized Optional<Long> number(ByteString headerHash) {
        long height = ledger.height();
        for (; indexedHeight < height; indexedHeight++) {
            numbers.put(
                    ByteString.copyFrom(
                            BlockHashes.headerHash(ledger.block(indexedHeight).getHeader())),
                    indexedHeight);
        }
        return Optional.ofNullable(numbers.get(headerHash));
    }
}
