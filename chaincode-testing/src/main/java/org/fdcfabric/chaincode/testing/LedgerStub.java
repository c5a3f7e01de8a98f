package org.fdcfabric.chaincode.testing;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fdcfabric.protocol.KeyOrder;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The stub one chaincode invocation sees. Argument checks mirror the Java shim's ({@code InvocationStubImpl});
 * ledger behaviour mirrors the peer with a LevelDB state database: reads see committed state only, writes are
 * staged in the transaction's simulation, paginated range queries take the bookmark as the next start key.
 */
final class LedgerStub implements ChaincodeStub {
    private static final String UNSPECIFIED_START_KEY = "\u0001";
    private static final String UNSPECIFIED_END_KEY = "";
    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final InMemoryLedger ledger;
    private final TxContext tx;
    private final NamespaceId namespace;
    private final Simulation simulation;
    private final List<byte[]> args;
    private ChaincodeEvent event;

    LedgerStub(InMemoryLedger ledger, TxContext tx, NamespaceId namespace, List<byte[]> args) {
        this.ledger = ledger;
        this.tx = tx;
        this.namespace = namespace;
        this.simulation = tx.simulationFor(namespace.channel());
        this.args = args.stream().map(byte[]::clone).toList();
    }

    // ---- invocation ----

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : getStringArgs().get(0);
    }

    @Override
    public List<String> getParameters() {
        return getStringArgs().stream().skip(1).toList();
    }

    @Override
    public String getTxId() {
        return tx.txId();
    }

    @Override
    public String getChannelId() {
        return namespace.channel();
    }

    @Override
    public Instant getTxTimestamp() {
        return tx.timestamp();
    }

    @Override
    public byte[] getCreator() {
        return tx.creatorBytes();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        Map<String, byte[]> copy = new TreeMap<>();
        tx.transientData().forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public byte[] getBinding() {
        return tx.binding();
    }

    @Override
    public SignedProposal getSignedProposal() {
        return tx.signedProposal();
    }

    @Override
    public String getMspId() {
        return ledger.peerMspId()
                .orElseThrow(() -> new IllegalStateException("CORE_PEER_LOCALMSPID is unset in chaincode process"));
    }

    // ---- events ----

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        event = builder.build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    // ---- state ----

    @Override
    public byte[] getState(String key) {
        byte[] value = committed().get(key);
        // the shim turns the peer's empty payload into an empty array: absent keys read as length 0, never null
        return value == null ? new byte[0] : value;
    }

    @Override
    public void putState(String key, byte[] value) {
        validateKey(key);
        Objects.requireNonNull(value, "value");
        write(key, value);
    }

    @Override
    public void delState(String key) {
        Objects.requireNonNull(key, "key");
        write(key, new byte[0]);
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        return committed().validationParameter(key);
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        validateKey(key);
        Objects.requireNonNull(value, "value");
        checkKeyEncoding(key);
        try {
            simulation.putValidationParameter(namespace.chaincode(), key, value);
        } catch (IllegalStateException e) {
            throw tx.ledgerError(e.getMessage());
        }
    }

    private void write(String key, byte[] value) {
        checkKeyEncoding(key);
        try {
            simulation.put(namespace.chaincode(), key, value);
        } catch (IllegalStateException e) {
            throw tx.ledgerError(e.getMessage());
        }
    }

    private void checkKeyEncoding(String key) {
        if (!KeyOrder.isValidUtf8(key)) {
            throw tx.ledgerError("invalid key. Key must be a valid UTF-8 string: " + key);
        }
    }

    // ---- range queries ----

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? UNSPECIFIED_END_KEY : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return range(start, end);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? UNSPECIFIED_END_KEY : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return pagedRange(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        String prefix = partialKeyPrefix(compositeKey);
        return range(prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String prefix = partialKeyPrefix(compositeKey);
        return pagedRange(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    private static String partialKeyPrefix(CompositeKey compositeKey) {
        return compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
    }

    private ResultIterator<KeyValue> range(String start, String end) {
        List<KeyValue> results = List.copyOf(committed().range(start, end, Integer.MAX_VALUE));
        return new ResultIterator<>(results, QueryResponseMetadata.getDefaultInstance(), tx);
    }

    /** The peer treats a query as paginated when a page size or a bookmark is given. */
    private ResultIterator<KeyValue> pagedRange(String start, String end, int pageSize, String bookmark) {
        String mark = bookmark == null ? "" : bookmark;
        if (pageSize < 0) {
            throw tx.ledgerError("page size must not be negative: " + pageSize);
        }
        if (pageSize == 0 && mark.isEmpty()) {
            return range(start, end);
        }
        try {
            simulation.beforePaginatedQuery();
        } catch (IllegalStateException e) {
            throw tx.ledgerError(e.getMessage());
        }
        String from = mark.isEmpty() ? start : mark;
        int limit = pageSize == 0 ? Integer.MAX_VALUE : pageSize;
        List<StateEntry> page = committed().range(from, end, limit == Integer.MAX_VALUE ? limit : limit + 1);
        String next = "";
        if (page.size() > limit) {
            next = page.get(limit).key();
            page = page.subList(0, limit);
        }
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size())
                .setBookmark(next)
                .build();
        return new ResultIterator<>(List.copyOf(page), metadata, tx);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        List<KeyModification> history = List.copyOf(committed().history(key));
        return new ResultIterator<>(history, QueryResponseMetadata.getDefaultInstance(), tx);
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw tx.ledgerError("ExecuteQuery not supported for leveldb");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw tx.ledgerError("ExecuteQuery not supported for leveldb");
    }

    // ---- other chaincode ----

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        String name = chaincodeName;
        String targetChannel = namespace.channel();
        int slash = chaincodeName.indexOf('/');
        if (slash >= 0) {
            name = chaincodeName.substring(0, slash);
            targetChannel = chaincodeName.substring(slash + 1);
        }
        if (channel != null && !channel.isBlank()) {
            targetChannel = channel;
        }
        NamespaceId callee = new NamespaceId(targetChannel, name);
        Chaincode chaincode =
                ledger.chaincode(callee).orElseThrow(() -> tx.ledgerError("chaincode " + callee + " not found"));
        Chaincode.Response response = chaincode.invoke(new LedgerStub(ledger, tx, callee, args));
        // the response crosses the peer as a protobuf message: absent strings and bytes arrive empty
        byte[] payload = response.getPayload();
        String message = response.getMessage();
        return new Chaincode.Response(
                response.getStatusCode(), message == null ? "" : message, payload == null ? new byte[0] : payload);
    }

    // ---- private data: FDC-Fabric uses no collections ----

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw noPrivateData();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw noPrivateData();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw noPrivateData();
    }

    private UnsupportedOperationException noPrivateData() {
        tx.ledgerError("private data collections are not defined on this in-memory ledger");
        return new UnsupportedOperationException("private data collections are not defined on this in-memory ledger");
    }

    private NamespaceState committed() {
        return ledger.committed(namespace);
    }

    private static void validateKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
    }
}
