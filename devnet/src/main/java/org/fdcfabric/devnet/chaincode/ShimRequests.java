package org.fdcfabric.devnet.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.fdcfabric.devnet.ledger.StateEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;

/**
 * The peer side of the shim's requests ({@code fabric/core/chaincode/handler.go}): each request of a running
 * transaction is answered with RESPONSE, or with ERROR carrying {@code <TYPE> failed: transaction ID: <txid>:
 * <cause>}. Private data and rich queries are refused: the devnet keeps no private collections, and rich queries
 * need CouchDB on Fabric too. Key metadata is kept, but key-level endorsement policies are not enforced.
 */
final class ShimRequests {
    private static final int MAX_KEY_BYTES = 64 * 1024;
    private static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

    private final ChaincodeCalls calls;

    ShimRequests(ChaincodeCalls calls) {
        this.calls = calls;
    }

    CompletableFuture<ChaincodeMessage> handle(ChaincodeMessage request, TransactionContext context) {
        try {
            return switch (request.getType()) {
                case INVOKE_CHAINCODE -> invoke(request, context);
                default -> CompletableFuture.completedFuture(response(request, handleLocal(request, context)));
            };
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return CompletableFuture.completedFuture(error(request, e.getMessage()));
        }
    }

    private ByteString handleLocal(ChaincodeMessage request, TransactionContext context)
            throws InvalidProtocolBufferException {
        TxSimulation simulation = context.simulation();
        String namespace = context.namespace();
        switch (request.getType()) {
            case GET_STATE -> {
                GetState get = GetState.parseFrom(request.getPayload());
                noCollection(get.getCollection());
                return simulation
                        .getState(namespace, key(get.getKey()))
                        .map(ByteString::copyFrom)
                        .orElse(ByteString.EMPTY);
            }
            case PUT_STATE -> {
                PutState put = PutState.parseFrom(request.getPayload());
                noCollection(put.getCollection());
                if (put.getValue().size() > MAX_VALUE_BYTES) {
                    throw new IllegalArgumentException("value of key " + put.getKey() + " exceeds 16 MiB");
                }
                simulation.putState(namespace, key(put.getKey()), put.getValue().toByteArray());
                return ByteString.EMPTY;
            }
            case DEL_STATE -> {
                DelState del = DelState.parseFrom(request.getPayload());
                noCollection(del.getCollection());
                simulation.deleteState(namespace, key(del.getKey()));
                return ByteString.EMPTY;
            }
            case GET_STATE_BY_RANGE -> {
                return range(GetStateByRange.parseFrom(request.getPayload()), context)
                        .toByteString();
            }
            case QUERY_STATE_NEXT -> {
                String id = QueryStateNext.parseFrom(request.getPayload()).getId();
                QueryResponse next = context.cursor(id).nextBatch(id);
                if (!next.getHasMore()) {
                    context.close(id);
                }
                return next.toByteString();
            }
            case QUERY_STATE_CLOSE -> {
                String id = QueryStateClose.parseFrom(request.getPayload()).getId();
                context.close(id);
                return QueryResponse.newBuilder()
                        .setId(id)
                        .setHasMore(false)
                        .build()
                        .toByteString();
            }
            case GET_HISTORY_FOR_KEY -> {
                String key =
                        key(GetHistoryForKey.parseFrom(request.getPayload()).getKey());
                QueryCursor cursor = QueryCursor.history(simulation.snapshot().history(namespace, key));
                String id = context.open(cursor);
                QueryResponse first = cursor.nextBatch(id);
                if (!first.getHasMore()) {
                    context.close(id);
                }
                return first.toByteString();
            }
            case GET_QUERY_RESULT ->
                throw new UnsupportedOperationException(
                        "ExecuteQuery not supported for leveldb (the devnet's state database has no rich queries)");
            case GET_STATE_METADATA -> {
                GetStateMetadata get = GetStateMetadata.parseFrom(request.getPayload());
                noCollection(get.getCollection());
                StateMetadataResult.Builder result = StateMetadataResult.newBuilder();
                new TreeMap<>(simulation.getMetadata(namespace, key(get.getKey())))
                        .forEach((name, value) -> result.addEntries(
                                StateMetadata.newBuilder().setMetakey(name).setValue(ByteString.copyFrom(value))));
                return result.build().toByteString();
            }
            case PUT_STATE_METADATA -> {
                PutStateMetadata put = PutStateMetadata.parseFrom(request.getPayload());
                noCollection(put.getCollection());
                simulation.putMetadata(
                        namespace,
                        key(put.getKey()),
                        Map.of(
                                put.getMetadata().getMetakey(),
                                put.getMetadata().getValue().toByteArray()));
                return ByteString.EMPTY;
            }
            case GET_PRIVATE_DATA_HASH, PURGE_PRIVATE_DATA ->
                throw new UnsupportedOperationException("private data collections are not supported by the devnet");
            default -> throw new IllegalArgumentException("unexpected message type " + request.getType());
        }
    }

    private QueryResponse range(GetStateByRange query, TransactionContext context)
            throws InvalidProtocolBufferException {
        noCollection(query.getCollection());
        QueryMetadata metadata = query.getMetadata().isEmpty()
                ? QueryMetadata.getDefaultInstance()
                : QueryMetadata.parseFrom(query.getMetadata());
        boolean paginated =
                metadata.getPageSize() != 0 || !metadata.getBookmark().isEmpty();
        String start = paginated && !metadata.getBookmark().isEmpty() ? metadata.getBookmark() : query.getStartKey();
        TxSimulation simulation = context.simulation();
        if (paginated) {
            simulation.beginPaginatedQuery();
        }
        Iterator<StateEntry> entries = simulation.snapshot().range(context.namespace(), start, query.getEndKey());
        RangeQueryInfo.Builder info = simulation.addRangeQuery(context.namespace(), start);
        if (paginated) {
            String id = context.txId() + "-page";
            return QueryCursor.page(id, context.namespace(), entries, info, query.getEndKey(), metadata.getPageSize());
        }
        QueryCursor cursor = QueryCursor.range(context.namespace(), entries, info, query.getEndKey());
        String id = context.open(cursor);
        QueryResponse first = cursor.nextBatch(id);
        if (!first.getHasMore()) {
            context.close(id);
        }
        return first;
    }

    /** {@code name[:version][/channel]}: the version is ignored; no channel means the caller's channel. */
    private CompletableFuture<ChaincodeMessage> invoke(ChaincodeMessage request, TransactionContext context)
            throws InvalidProtocolBufferException {
        ChaincodeSpec spec = ChaincodeSpec.parseFrom(request.getPayload());
        String target = spec.getChaincodeId().getName();
        String channel = context.channelId();
        int slash = target.indexOf('/');
        if (slash >= 0) {
            channel = target.substring(slash + 1);
            target = target.substring(0, slash);
        }
        int colon = target.indexOf(':');
        if (colon >= 0) {
            target = target.substring(0, colon);
        }
        if (target.isEmpty() || channel.isEmpty()) {
            throw new IllegalArgumentException(
                    "malformed chaincode name " + spec.getChaincodeId().getName());
        }
        return calls.invoke(context, channel, target, spec.getInput())
                .handle((callee, failure) -> failure == null
                        ? response(request, callee.toByteString())
                        : error(request, rootMessage(failure)));
    }

    private static String key(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key.length() > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key exceeds 64 KiB");
        }
        return key;
    }

    private static void noCollection(String collection) {
        if (!collection.isEmpty()) {
            throw new UnsupportedOperationException("private data collections are not supported by the devnet");
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null
                && (cause instanceof CompletionException || cause instanceof ExecutionException)) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    static ChaincodeMessage response(ChaincodeMessage request, ByteString payload) {
        return ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.RESPONSE)
                .setTxid(request.getTxid())
                .setChannelId(request.getChannelId())
                .setPayload(payload)
                .build();
    }

    static ChaincodeMessage error(ChaincodeMessage request, String cause) {
        String text = request.getType() + " failed: transaction ID: " + request.getTxid() + ": " + cause;
        return ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.ERROR)
                .setTxid(request.getTxid())
                .setChannelId(request.getChannelId())
                .setPayload(ByteString.copyFromUtf8(text))
                .build();
    }
}
