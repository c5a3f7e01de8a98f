package org.fdcfabric.devnet.ledger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a check of a channel's stored block chain found: blocks {@code 0 .. verifiedBlocks-1} chain by header hash
 * and match their data hashes; {@code damage} names the first block that does not, and why.
 *
 * @param height the number of blocks the store holds
 * @param recordedHeight the height the ledger last recorded committing, when it knows it
 */
public record ChainCheck(
        String channelId,
        Path file,
        Finding finding,
        long height,
        long verifiedBlocks,
        Optional<Long> recordedHeight,
        Optional<String> damage) {

    /** What kind of damage, if any: it decides what can be repaired without losing a block. */
    public enum Finding {
        INTACT,
        /** The chain is whole; a state, history or index record disagrees with it (rebuilt from the blocks). */
        STATE_DAMAGED,
        /** A block is unreadable, changed or does not chain; blocks before it verify. */
        CHAIN_DAMAGED,
        /** The chain verifies but ends before the height the ledger recorded committing. */
        BLOCKS_LOST
    }

    public boolean intact() {
        return finding == Finding.INTACT;
    }

    /** One line for people: what was checked and, when damaged, what is wrong where. */
    public String summary() {
        return damage.map(what -> "channel " + channelId + ": " + what + " (file " + file + "); blocks 0.."
                        + (verifiedBlocks - 1) + " verify")
                .orElse("channel " + channelId + ": " + height + " blocks verified (hash chain and data hashes), file "
                        + file);
    }
}
