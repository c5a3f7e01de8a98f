package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Checks every stored state value, history entry and transaction index record against the (already verified)
 * blocks: the value of a key at version (block, tx) must be what that valid transaction wrote. MVStore checksums
 * chunk headers but not page contents, and state is not covered by any block hash, so without this a changed byte
 * in a value would be served as committed data.
 */
final class StateCheck {
    private static final int CACHED_BLOCKS = 256;

    private final LongFunction<Block> blocks;
    private final Map<Long, Block> cache = new LinkedHashMap<>(CACHED_BLOCKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
            return size() > CACHED_BLOCKS;
        }
    };

    private StateCheck(LongFunction<Block> blocks) {
        this.blocks = blocks;
    }

    /** The first record that disagrees with the blocks below {@code height}, described; or empty. */
    static Optional<String> firstMismatch(
            long height,
            LongFunction<Block> blocks,
            MVMap<String, byte[]> txIndex,
            Map<String, MVMap<String, byte[]>> state,
            Map<String, MVMap<String, byte[]>> history) {
        StateCheck check = new StateCheck(blocks);
        try {
            for (Map.Entry<String, MVMap<String, byte[]>> namespace : state.entrySet()) {
                Optional<String> bad = check.values(height, namespace.getKey(), namespace.getValue());
                if (bad.isPresent()) {
                    return bad;
                }
            }
            for (Map.Entry<String, MVMap<String, byte[]>> namespace : history.entrySet()) {
                Optional<String> bad = check.history(height, namespace.getKey(), namespace.getValue());
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return check.index(height, txIndex);
        } catch (RuntimeException e) {
            // an unreadable page or record surfaces as whatever its decoder threw
            return Optional.of("a state, history or index record cannot be read: " + e);
        }
    }

    private Optional<String> values(long height, String namespace, MVMap<String, byte[]> map) {
        Cursor<String, byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            String key = cursor.next();
            StoredValue stored = StoredValue.decode(cursor.getValue());
            Version version = stored.version();
            Optional<Tx> tx = tx(height, version.blockNum(), version.txNum());
            boolean matches = tx.isPresent()
                    && (tx.get()
                                    .lastWrite(namespace, key)
                                    .filter(write -> !write.getIsDelete()
                                            && Arrays.equals(write.getValue().toByteArray(), stored.value()))
                                    .isPresent()
                            || tx.get().writesMetadata(namespace, key));
            if (!matches) {
                return Optional.of("the state of a key in namespace " + namespace + " at version "
                        + version.blockNum() + ":" + version.txNum() + " is not what block " + version.blockNum()
                        + " wrote");
            }
        }
        return Optional.empty();
    }

    private Optional<String> history(long height, String namespace, MVMap<String, byte[]> map) {
        Cursor<String, byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            String historyKey = cursor.next();
            int split = historyKey.length() - 24;
            if (split < 2 || !historyKey.startsWith("\0\0", split - 2)) {
                return Optional.of("a history key of namespace " + namespace + " is malformed");
            }
            String key = historyKey.substring(0, split - 2).replace("\0\u0001", "\0");
            long blockNum = Long.parseUnsignedLong(historyKey.substring(split, split + 16), 16);
            int txNum = Integer.parseUnsignedInt(historyKey.substring(split + 16), 16);
            HistoryEntry entry = StoredRecords.decodeHistory(cursor.getValue());
            Optional<Tx> tx = tx(height, blockNum, txNum);
            boolean matches = tx.isPresent()
                    && tx.get().txId().equals(entry.txId())
                    && tx.get()
                            .lastWrite(namespace, key)
                            .filter(write ->
                                    (write.getIsDelete() || write.getValue().isEmpty()) == entry.deleted()
                                            && Arrays.equals(
                                                    entry.deleted()
                                                            ? new byte[0]
                                                            : write.getValue().toByteArray(),
                                                    entry.value()))
                            .isPresent();
            if (!matches) {
                return Optional.of("a history entry of namespace " + namespace + " at version " + blockNum + ":" + txNum
                        + " is not what block " + blockNum + " wrote");
            }
        }
        return Optional.empty();
    }

    private Optional<String> index(long height, MVMap<String, byte[]> txIndex) {
        Cursor<String, byte[]> cursor = txIndex.cursor(null);
        while (cursor.hasNext()) {
            String txId = cursor.next();
            byte[] record = cursor.getValue();
            TxStatus status = StoredRecords.decodeTxStatus(record);
            int txNum = ByteBuffer.wrap(record, 12, 4).getInt();
            boolean matches = status.blockNumber() < height
                    && txNum >= 0
                    && txNum < block(status.blockNumber()).getData().getDataCount()
                    && EnvelopeHeaders.txId(
                                    block(status.blockNumber()).getData().getData(txNum))
                            .filter(txId::equals)
                            .isPresent()
                    && TransactionsFilter.code(block(status.blockNumber()), txNum) == status.code();
            if (!matches) {
                return Optional.of("the index record of a transaction in block " + status.blockNumber()
                        + " does not match the block");
            }
        }
        return Optional.empty();
    }

    private Optional<Tx> tx(long height, long blockNum, long txNum) {
        if (blockNum <= 0 || blockNum >= height) {
            return Optional.empty();
        }
        Block block = block(blockNum);
        if (txNum < 0 || txNum >= block.getData().getDataCount()) {
            return Optional.empty();
        }
        int index = (int) txNum;
        if (TransactionsFilter.code(block, index) != TxValidationCode.VALID) {
            return Optional.empty();
        }
        ByteString envelope = block.getData().getData(index);
        return Optional.of(
                new Tx(EnvelopeHeaders.txId(envelope).orElse(""), LastBlockCheck.rwSets(envelope, blockNum)));
    }

    private Block block(long number) {
        return cache.computeIfAbsent(number, blocks::apply);
    }

    private record Tx(String txId, Map<String, KVRWSet> rwSets) {
        Optional<KVWrite> lastWrite(String namespace, String key) {
            KVRWSet rwSet = rwSets.get(namespace);
            if (rwSet == null) {
                return Optional.empty();
            }
            List<KVWrite> writes = rwSet.getWritesList();
            for (int i = writes.size() - 1; i >= 0; i--) {
                if (writes.get(i).getKey().equals(key)) {
                    return Optional.of(writes.get(i));
                }
            }
            return Optional.empty();
        }

        boolean writesMetadata(String namespace, String key) {
            KVRWSet rwSet = rwSets.get(namespace);
            return rwSet != null
                    && rwSet.getMetadataWritesList().stream()
                            .map(KVMetadataWrite::getKey)
                            .anyMatch(key::equals);
        }
    }
}
