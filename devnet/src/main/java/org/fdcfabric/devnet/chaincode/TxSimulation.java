package org.fdcfabric.devnet.chaincode;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.devnet.ledger.StateSnapshot;
import org.fdcfabric.devnet.ledger.Version;
import org.fdcfabric.devnet.ledger.VersionedValue;
import org.fdcfabric.protocol.KeyOrder;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * One transaction's simulation over a committed-state snapshot, recording the read/write set as Fabric's
 * {@code rwset_builder.go} does: reads return committed state only and record its version (a repeated read
 * overwrites), writes are kept per key with the last one winning, range scans append a {@link RangeQueryInfo};
 * namespaces and keys come out sorted by UTF-8 bytes. Not thread-safe: one transaction runs one request at a time.
 */
public final class TxSimulation implements AutoCloseable {
    private final StateSnapshot snapshot;
    private final Map<String, Namespace> namespaces = new TreeMap<>(KeyOrder.UTF8);
    private boolean paginatedQueryPerformed;

    public TxSimulation(StateSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    StateSnapshot snapshot() {
        return snapshot;
    }

    Optional<byte[]> getState(String namespace, String key) {
        Optional<VersionedValue> value = snapshot.get(namespace, key);
        namespace(namespace).reads.put(key, value.map(VersionedValue::version));
        return value.map(VersionedValue::value);
    }

    void putState(String namespace, String key, byte[] value) {
        requireWritable();
        namespace(namespace)
                .writes
                .put(
                        key,
                        KVWrite.newBuilder()
                                .setKey(key)
                                .setIsDelete(value.length == 0)
                                .setValue(ByteString.copyFrom(value))
                                .build());
    }

    void deleteState(String namespace, String key) {
        requireWritable();
        namespace(namespace)
                .writes
                .put(key, KVWrite.newBuilder().setKey(key).setIsDelete(true).build());
    }

    /** Reads a key's metadata; like a value read, it records the key's committed version. */
    Map<String, byte[]> getMetadata(String namespace, String key) {
        namespace(namespace).reads.put(key, snapshot.get(namespace, key).map(VersionedValue::version));
        return snapshot.metadata(namespace, key);
    }

    /** Replaces the key's metadata with {@code entries} ({@code handler.go: HandlePutStateMetadata}). */
    void putMetadata(String namespace, String key, Map<String, byte[]> entries) {
        requireWritable();
        KVMetadataWrite.Builder write = KVMetadataWrite.newBuilder().setKey(key);
        new TreeMap<>(entries)
                .forEach((name, value) -> write.addEntries(
                        KVMetadataEntry.newBuilder().setName(name).setValue(ByteString.copyFrom(value))));
        namespace(namespace).metadataWrites.put(key, write.build());
    }

    /** Registers a range scan whose info the caller completes as it hands results out. */
    RangeQueryInfo.Builder addRangeQuery(String namespace, String startKey) {
        RangeQueryInfo.Builder info = RangeQueryInfo.newBuilder().setStartKey(startKey);
        namespace(namespace).rangeQueries.add(info);
        return info;
    }

    /** Paginated queries are allowed only in a transaction that writes nothing, and forbid later writes. */
    void beginPaginatedQuery() {
        if (namespaces.values().stream().anyMatch(ns -> !ns.writes.isEmpty() || !ns.metadataWrites.isEmpty())) {
            throw new IllegalStateException("paginated queries are not allowed in a transaction that writes");
        }
        paginatedQueryPerformed = true;
    }

    private void requireWritable() {
        if (paginatedQueryPerformed) {
            throw new IllegalStateException("writes are not allowed after a paginated query");
        }
    }

    public TxReadWriteSet readWriteSet() {
        TxReadWriteSet.Builder rwset = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        for (Map.Entry<String, Namespace> entry : namespaces.entrySet()) {
            rwset.addNsRwset(NsReadWriteSet.newBuilder()
                    .setNamespace(entry.getKey())
                    .setRwset(entry.getValue().toKvRwSet().toByteString()));
        }
        return rwset.build();
    }

    private Namespace namespace(String name) {
        return namespaces.computeIfAbsent(name, n -> new Namespace());
    }

    @Override
    public void close() {
        snapshot.close();
    }

    static KVRead read(String key, Optional<Version> version) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        version.ifPresent(v -> read.setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                .setBlockNum(v.blockNum())
                .setTxNum(v.txNum())));
        return read.build();
    }

    private static final class Namespace {
        final Map<String, Optional<Version>> reads = new TreeMap<>(KeyOrder.UTF8);
        final Map<String, KVWrite> writes = new TreeMap<>(KeyOrder.UTF8);
        final List<RangeQueryInfo.Builder> rangeQueries = new ArrayList<>();
        final Map<String, KVMetadataWrite> metadataWrites = new TreeMap<>(KeyOrder.UTF8);

        KVRWSet toKvRwSet() {
            KVRWSet.Builder set = KVRWSet.newBuilder();
            reads.forEach((key, version) -> set.addReads(read(key, version)));
            rangeQueries.forEach(info -> set.addRangeQueriesInfo(info.build()));
            set.addAllWrites(writes.values());
            set.addAllMetadataWrites(metadataWrites.values());
            return set.build();
        }
    }
}
