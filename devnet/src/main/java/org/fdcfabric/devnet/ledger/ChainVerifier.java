package org.fdcfabric.devnet.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongFunction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Checks a stored chain from block 0: each block is stored under its own number, its data hash is the hash of its
 * envelopes, and its previous hash is the header hash of the block before. Hashes only, no signatures, so a chain
 * of a hundred thousand blocks checks in seconds; a long check logs its progress.
 */
final class ChainVerifier {
    private static final System.Logger LOG = System.getLogger(ChainVerifier.class.getName());
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private ChainVerifier() {}

    /** The first damaged block of {@code [0, height)} and what is wrong with it, as (block, reason); or empty. */
    static Optional<Damage> firstDamage(String channelId, long height, LongFunction<byte[]> stored) {
        byte[] previousHeaderHash = null;
        long started = System.nanoTime();
        long lastReport = started;
        for (long number = 0; number < height; number++) {
            Block block;
            try {
                byte[] bytes = stored.apply(number);
                if (bytes == null) {
                    return Optional.of(new Damage(number, "block " + number + " is missing"));
                }
                block = Block.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                return Optional.of(new Damage(number, "block " + number + " does not parse"));
            } catch (RuntimeException e) {
                // MVStore reports an unreadable page with whatever exception its decoder hits
                return Optional.of(new Damage(number, "block " + number + " cannot be read: " + e));
            }
            BlockHeader header = block.getHeader();
            if (header.getNumber() != number) {
                return Optional.of(
                        new Damage(number, "block " + number + " is stored as number " + header.getNumber()));
            }
            if (!Arrays.equals(
                    BlockHashes.dataHash(block.getData()), header.getDataHash().toByteArray())) {
                return Optional.of(new Damage(
                        number, "block " + number + " does not match its data hash (its transactions were changed)"));
            }
            if (number > 0
                    && !Arrays.equals(
                            previousHeaderHash, header.getPreviousHash().toByteArray())) {
                return Optional.of(new Damage(
                        number, "block " + number + " does not chain to block " + (number - 1) + " (previous hash)"));
            }
            previousHeaderHash = BlockHashes.headerHash(header);
            long now = System.nanoTime();
            if (now - lastReport > PROGRESS_NANOS) {
                lastReport = now;
                LOG.log(
                        Level.INFO,
                        "channel {0}: verified {1} of {2} blocks ({3}%)",
                        channelId,
                        number + 1,
                        height,
                        (number + 1) * 100 / height);
            }
        }
        return Optional.empty();
    }

    /** The first block that fails, and a sentence saying how. */
    record Damage(long block, String reason) {}
}
