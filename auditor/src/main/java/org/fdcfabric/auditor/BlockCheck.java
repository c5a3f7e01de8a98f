package org.fdcfabric.auditor;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.block.BlockHeaderHash;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Checks the blocks themselves, where the reader can read them: each block chains to the one before by header
 * hash and matches its data hash, so a stored transaction changed after the fact shows; and every trail entry the
 * state holds was written by a transaction the blocks mark valid, so state edited outside a transaction shows
 * even when its trail was re-sealed. State alone cannot show either.
 */
final class BlockCheck implements Check {
    private final ChainReader reader;
    private long blocksRead;

    BlockCheck(ChainReader reader) {
        this.reader = reader;
    }

    /** How many blocks the last run verified, over both channels. */
    long blocksRead() {
        return blocksRead;
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.BROKEN_CHAIN);
        blocksRead = 0;
        for (Channel channel : Channel.values()) {
            Optional<List<Block>> blocks = reader.blocks(channel);
            if (blocks.isEmpty()) {
                continue;
            }
            blocksRead += blocks.get().size();
            Map<String, TxValidationCode> committed = verifyChain(channel, blocks.get(), findings);
            for (TrailView trail : view.trails()) {
                if (trail.channel() != channel) {
                    continue;
                }
                for (AuditEntry entry : trail.entries()) {
                    TxValidationCode code = committed.get(entry.txId());
                    if (code != TxValidationCode.VALID) {
                        findings.add(
                                trail.subject(),
                                findings.evidence()
                                        .put("channel", channel)
                                        .put("seq", entry.seq())
                                        .put("action", entry.action())
                                        .put("validation", code == null ? "NOT_IN_ANY_BLOCK" : code.name())
                                        .tx("entry", entry.txId()),
                                "audit entry " + entry.seq() + " of " + trail.subject()
                                        + " was written by no valid transaction in the blocks");
                    }
                }
            }
        }
        return findings.list();
    }

    /** Verifies links and data hashes; returns each transaction id's validation code from the verified blocks. */
    private static Map<String, TxValidationCode> verifyChain(Channel channel, List<Block> blocks, Findings findings) {
        Map<String, TxValidationCode> committed = new HashMap<>();
        byte[] previous = null;
        for (int index = 0; index < blocks.size(); index++) {
            Block block = blocks.get(index);
            BlockHeader header = block.getHeader();
            String problem = null;
            if (header.getNumber() != index) {
                problem = "block " + index + " is numbered " + header.getNumber();
            } else if (!Arrays.equals(dataHash(block), header.getDataHash().toByteArray())) {
                problem = "block " + index + " does not match its data hash (its transactions were changed)";
            } else if (index > 0
                    && !Arrays.equals(previous, header.getPreviousHash().toByteArray())) {
                problem = "block " + index + " does not chain to block " + (index - 1);
            }
            if (problem != null) {
                findings.add(
                        "channel:" + channel.name().toLowerCase(java.util.Locale.ROOT),
                        findings.evidence()
                                .put("channel", channel)
                                .put("block", index)
                                .put("dataHash", Hashes.hex(header.getDataHash().toByteArray())),
                        problem);
                // what follows a broken block proves nothing: its transactions count as unseen
                return committed;
            }
            previous = BlockHeaderHash.headerHash(
                    header.getNumber(),
                    header.getPreviousHash().toByteArray(),
                    header.getDataHash().toByteArray());
            index(block, committed);
        }
        return committed;
    }

    private static byte[] dataHash(Block block) {
        MessageDigest digest = Hashes.sha256Digest();
        for (ByteString envelope : block.getData().getDataList()) {
            digest.update(envelope.asReadOnlyByteBuffer());
        }
        return digest.digest();
    }

    private static void index(Block block, Map<String, TxValidationCode> committed) {
        ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        for (int txNum = 0; txNum < block.getData().getDataCount(); txNum++) {
            Optional<String> txId = txId(block.getData().getData(txNum));
            if (txId.isEmpty()) {
                continue;
            }
            TxValidationCode code = txNum < filter.size()
                    ? Optional.ofNullable(TxValidationCode.forNumber(filter.byteAt(txNum) & 0xFF))
                            .orElse(TxValidationCode.INVALID_OTHER_REASON)
                    : TxValidationCode.INVALID_OTHER_REASON;
            // the first occurrence of a transaction id is the one that counts; later ones are duplicates
            committed.putIfAbsent(txId.get(), code);
        }
    }

    private static Optional<String> txId(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            String txId = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader())
                    .getTxId();
            return txId.isEmpty() ? Optional.empty() : Optional.of(txId);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
