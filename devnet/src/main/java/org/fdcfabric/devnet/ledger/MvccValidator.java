package org.fdcfabric.devnet.ledger;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fdcfabric.devnet.ledger.TxCheck.NsRwSet;
import org.fdcfabric.devnet.ledger.UpdateBatch.KeyUpdate;
import org.fdcfabric.protocol.KeyOrder;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Stage C: the ledger's checks in block order against committed state plus the writes of earlier valid
 * transactions of the same block ({@code txmgmt/validation/validator.go}), and the application of each valid
 * transaction's writes with version (block, index in block). Used by one committer thread per block.
 */
final class MvccValidator {
    private final CommittedView committed;
    private final UpdateBatch updates;
    private final long blockNum;

    MvccValidator(CommittedView committed, UpdateBatch updates, long blockNum) {
        this.committed = committed;
        this.updates = updates;
        this.blockNum = blockNum;
    }

    /** Checks one stage-A-valid transaction; when it stays VALID its writes join the block's updates. */
    TxValidationCode validateAndApply(int txNum, TxCheck tx) {
        for (NsRwSet rwSet : tx.rwSets()) {
            if (!readsCurrent(rwSet.namespace(), rwSet.rwSet())) {
                return TxValidationCode.MVCC_READ_CONFLICT;
            }
            for (RangeQueryInfo range : rwSet.rwSet().getRangeQueriesInfoList()) {
                if (!rangeUnchanged(rwSet.namespace(), range)) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
        }
        apply(txNum, tx);
        return TxValidationCode.VALID;
    }

    /** Applies the writes of a transaction an earlier commit already judged VALID (rebuilding from blocks). */
    void replay(int txNum, TxCheck tx) {
        apply(txNum, tx);
    }

    private boolean readsCurrent(String namespace, KVRWSet rwSet) {
        for (KVRead read : rwSet.getReadsList()) {
            if (updates.pending(namespace, read.getKey()) != null) {
                return false;
            }
            Version current = committed
                    .value(namespace, read.getKey())
                    .map(StoredValue::version)
                    .orElse(null);
            Version recorded = read.hasVersion()
                    ? new Version(
                            read.getVersion().getBlockNum(), read.getVersion().getTxNum())
                    : null;
            if (!Objects.equals(current, recorded)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Re-runs the scan over the merged view and requires exactly the recorded keys and versions. The end key is
     * inclusive while the chaincode had not exhausted the iterator. Merkle-summarised reads are not produced by
     * the devnet's simulator and cannot be re-checked here, so they count as a conflict.
     */
    private boolean rangeUnchanged(String namespace, RangeQueryInfo range) {
        if (range.hasReadsMerkleHashes()) {
            return false;
        }
        MergedRange actual =
                new MergedRange(namespace, range.getStartKey(), range.getEndKey(), range.getItrExhausted());
        for (KVRead expected : range.getRawReads().getKvReadsList()) {
            if (!actual.hasNext()) {
                return false;
            }
            StateEntry entry = actual.next();
            Version recorded = expected.hasVersion()
                    ? new Version(
                            expected.getVersion().getBlockNum(),
                            expected.getVersion().getTxNum())
                    : null;
            if (!entry.key().equals(expected.getKey()) || !entry.version().equals(recorded)) {
                return false;
            }
        }
        return !actual.hasNext();
    }

    private void apply(int txNum, TxCheck tx) {
        Version version = new Version(blockNum, txNum);
        for (NsRwSet rwSet : tx.rwSets()) {
            String namespace = rwSet.namespace();
            for (KVWrite write : rwSet.rwSet().getWritesList()) {
                boolean delete = write.getIsDelete() || write.getValue().isEmpty();
                byte[] value = delete ? new byte[0] : write.getValue().toByteArray();
                if (delete) {
                    updates.delete(namespace, write.getKey());
                } else {
                    SortedMap<String, byte[]> metadata = current(namespace, write.getKey())
                            .map(StoredValue::metadata)
                            .orElse(new TreeMap<>());
                    updates.put(namespace, write.getKey(), new StoredValue(version, value, metadata));
                }
                updates.addHistory(new UpdateBatch.HistoryRecord(
                        namespace,
                        write.getKey(),
                        blockNum,
                        txNum,
                        new HistoryEntry(tx.txId(), tx.timestamp(), delete, value)));
            }
            for (KVMetadataWrite metadataWrite : rwSet.rwSet().getMetadataWritesList()) {
                // A metadata write on a key that does not exist is dropped, as Fabric does.
                current(namespace, metadataWrite.getKey()).ifPresent(existing -> {
                    SortedMap<String, byte[]> metadata = new TreeMap<>();
                    for (KVMetadataEntry entry : metadataWrite.getEntriesList()) {
                        metadata.put(entry.getName(), entry.getValue().toByteArray());
                    }
                    updates.put(
                            namespace, metadataWrite.getKey(), new StoredValue(version, existing.value(), metadata));
                });
            }
        }
    }

    /** The key's value after the updates staged so far in this block. */
    private Optional<StoredValue> current(String namespace, String key) {
        KeyUpdate pending = updates.pending(namespace, key);
        if (pending != null) {
            return Optional.ofNullable(pending.value());
        }
        return committed.value(namespace, key);
    }

    /** Committed keys merged with this block's staged updates, in Fabric key order, within the range bounds. */
    private final class MergedRange implements Iterator<StateEntry> {
        private final Iterator<StateEntry> stored;
        private final Iterator<Map.Entry<String, KeyUpdate>> staged;
        private final String endKey;
        private final boolean endInclusive;
        private StateEntry storedHead;
        private Map.Entry<String, KeyUpdate> stagedHead;
        private StateEntry next;

        MergedRange(String namespace, String startKey, String endKey, boolean exhausted) {
            this.stored = committed.range(namespace, startKey, "");
            NavigableMap<String, KeyUpdate> pending = updates.pending(namespace);
            this.staged = pending.tailMap(startKey, true).entrySet().iterator();
            this.endKey = endKey;
            this.endInclusive = !exhausted;
            this.storedHead = stored.hasNext() ? stored.next() : null;
            this.stagedHead = staged.hasNext() ? staged.next() : null;
            this.next = advance();
        }

        private StateEntry advance() {
            while (storedHead != null || stagedHead != null) {
                StateEntry candidate;
                int order = storedHead == null
                        ? 1
                        : stagedHead == null ? -1 : KeyOrder.compare(storedHead.key(), stagedHead.getKey());
                if (order < 0) {
                    candidate = storedHead;
                    storedHead = stored.hasNext() ? stored.next() : null;
                } else {
                    KeyUpdate update = stagedHead.getValue();
                    String key = stagedHead.getKey();
                    if (order == 0) {
                        storedHead = stored.hasNext() ? stored.next() : null;
                    }
                    stagedHead = staged.hasNext() ? staged.next() : null;
                    if (update.deleted()) {
                        if (beyondEnd(key)) {
                            return null;
                        }
                        continue;
                    }
                    candidate = new StateEntry(
                            key, update.value().value(), update.value().version());
                }
                return beyondEnd(candidate.key()) ? null : candidate;
            }
            return null;
        }

        private boolean beyondEnd(String key) {
            if (endKey.isEmpty()) {
                return false;
            }
            int order = KeyOrder.compare(key, endKey);
            return endInclusive ? order > 0 : order >= 0;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public StateEntry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            StateEntry current = next;
            next = advance();
            return current;
        }
    }
}
