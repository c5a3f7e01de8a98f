package org.fdcfabric.devnet.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.fdcfabric.devnet.ledger.HistoryEntry;
import org.fdcfabric.devnet.ledger.StateEntry;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;

/**
 * An open query of a transaction, handed to the shim in batches as {@code query_response_generator.go} does:
 * up to {@value #BATCH} results per {@code QueryResponse}, {@code has_more} after a full batch, and at most
 * {@value #TOTAL_QUERY_LIMIT} results in all (Fabric's default {@code ledger.state.totalQueryLimit}).
 */
final class QueryCursor {
    static final int BATCH = 100;
    static final int TOTAL_QUERY_LIMIT = 10_000;

    private final Iterator<ByteString> results;
    private final Runnable onExhausted;
    private int returned;

    private QueryCursor(Iterator<ByteString> results, Runnable onExhausted) {
        this.results = results;
        this.onExhausted = onExhausted;
    }

    /**
     * A range scan recording its {@link RangeQueryInfo}: each key handed out is a raw read and becomes the end
     * key; once the scan is exhausted the end key is the requested one and {@code itr_exhausted} is set.
     */
    static QueryCursor range(
            String namespace, Iterator<StateEntry> entries, RangeQueryInfo.Builder info, String requestedEndKey) {
        Iterator<ByteString> results = map(entries, entry -> {
            info.getRawReadsBuilder().addKvReads(TxSimulation.read(entry.key(), Optional.ofNullable(entry.version())));
            info.setEndKey(entry.key());
            return KV.newBuilder()
                    .setNamespace(namespace)
                    .setKey(entry.key())
                    .setValue(ByteString.copyFrom(entry.value()))
                    .build()
                    .toByteString();
        });
        return new QueryCursor(results, () -> info.setEndKey(requestedEndKey).setItrExhausted(true));
    }

    /** A key's history, newest first; each entry's timestamp is the writing transaction's. */
    static QueryCursor history(List<HistoryEntry> oldestFirst) {
        Iterator<ByteString> results = QueryCursor.<HistoryEntry>map(
                new Iterator<HistoryEntry>() {
                    private int next = oldestFirst.size() - 1;

                    @Override
                    public boolean hasNext() {
                        return next >= 0;
                    }

                    @Override
                    public HistoryEntry next() {
                        return oldestFirst.get(next--);
                    }
                },
                (HistoryEntry entry) -> KeyModification.newBuilder()
                        .setTxId(entry.txId())
                        .setValue(entry.value() == null ? ByteString.EMPTY : ByteString.copyFrom(entry.value()))
                        .setTimestamp(entry.timestamp() == null ? Timestamp.getDefaultInstance() : entry.timestamp())
                        .setIsDelete(entry.deleted())
                        .build()
                        .toByteString());
        return new QueryCursor(results, () -> {});
    }

    /** The next unpaginated batch. */
    QueryResponse nextBatch(String id) {
        QueryResponse.Builder response = QueryResponse.newBuilder().setId(id);
        while (returned < TOTAL_QUERY_LIMIT) {
            if (!results.hasNext()) {
                onExhausted.run();
                return response.setHasMore(false).build();
            }
            response.addResults(QueryResultBytes.newBuilder().setResultBytes(results.next()));
            returned++;
            if (response.getResultsCount() == BATCH) {
                return response.setHasMore(true).build();
            }
        }
        return response.setHasMore(false).build();
    }

    /**
     * One page of at most {@code pageSize} results; {@code bookmark} is the key after the page, or "" when the
     * scan is exhausted ({@code stateleveldb.go: GetBookmarkAndClose}).
     */
    static QueryResponse page(
            String id,
            String namespace,
            Iterator<StateEntry> entries,
            RangeQueryInfo.Builder info,
            String requestedEndKey,
            int pageSize) {
        int limit = pageSize <= 0 ? TOTAL_QUERY_LIMIT : Math.min(pageSize, TOTAL_QUERY_LIMIT);
        QueryResponse.Builder response = QueryResponse.newBuilder().setId(id).setHasMore(false);
        QueryCursor cursor = range(namespace, entries, info, requestedEndKey);
        while (response.getResultsCount() < limit && cursor.results.hasNext()) {
            response.addResults(QueryResultBytes.newBuilder().setResultBytes(cursor.results.next()));
        }
        String bookmark = "";
        if (entries.hasNext()) {
            bookmark = entries.next().key();
        } else {
            cursor.onExhausted.run();
        }
        return response.setMetadata(QueryResponseMetadata.newBuilder()
                        .setFetchedRecordsCount(response.getResultsCount())
                        .setBookmark(bookmark)
                        .build()
                        .toByteString())
                .build();
    }

    private static <T> Iterator<ByteString> map(Iterator<T> source, Function<T, ByteString> mapper) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public ByteString next() {
                return mapper.apply(source.next());
            }
        };
    }
}
