package org.fdcfabric.chaincode.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One transaction's view of the ledger: composite keys, canonical JSON values, the caller, and paged reads.
 *
 * <p>The read-your-writes rule, the same on both channels: <b>a point read ({@link #read}, {@link #exists}) sees
 * what this transaction already wrote</b>. Fabric's {@code getState} returns the committed value only, so this view
 * remembers its writes: a settlement that credits one wallet twice, or two audit entries appended to one trail in
 * one transaction, reads back what it wrote. Range and paged reads ({@link #readAll}, {@link #page}) see committed
 * state only, as Fabric's do; contracts use them in queries, which write nothing. Created per transaction, never
 * shared.
 */
public final class Tx {
    private final ChaincodeStub stub;
    private final Caller caller;
    private final TreeMap<String, byte[]> written = new TreeMap<>();

    private Tx(ChaincodeStub stub, Caller caller) {
        this.stub = stub;
        this.caller = caller;
    }

    public static Tx of(Context ctx) {
        return new Tx(ctx.getStub(), Caller.of(ctx.getClientIdentity()));
    }

    public ChaincodeStub stub() {
        return stub;
    }

    public Caller caller() {
        return caller;
    }

    public Instant time() {
        return stub.getTxTimestamp();
    }

    public String txId() {
        return stub.getTxId();
    }

    public String key(String prefix, String... parts) {
        return stub.createCompositeKey(prefix, parts).toString();
    }

    public <T> Optional<T> read(String key, Class<T> type) {
        byte[] value = raw(key);
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        return Optional.of(decode(key, value, type));
    }

    public boolean exists(String key) {
        byte[] value = raw(key);
        return value != null && value.length > 0;
    }

    private byte[] raw(String key) {
        return written.containsKey(key) ? written.get(key) : stub.getState(key);
    }

    public void write(String key, Object value) {
        byte[] bytes = CanonicalJson.bytes(value);
        written.put(key, bytes);
        stub.putState(key, bytes);
    }

    /** The transaction's one event (Fabric keeps only the last {@code setEvent}, so call this once, at the end). */
    public void emit(String name, Object payload) {
        stub.setEvent(name, CanonicalJson.bytes(payload));
    }

    /** Every committed value under {@code prefix~parts...}, in key order (for bounded sets only). */
    public <T> List<T> readAll(Class<T> type, String prefix, String... parts) {
        List<T> values = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByPartialCompositeKey(prefix, parts)) {
            for (KeyValue kv : results) {
                values.add(decode(kv.getKey(), kv.getValue(), type));
            }
        } catch (Exception e) {
            throw rethrown(e);
        }
        return values;
    }

    /**
     * One page of committed values under {@code prefix~parts...}; the request's bookmark is the key part after
     * {@code parts} to start at ({@link PageRequest}). Fabric allows paged queries only in transactions that write
     * nothing, so only queries call this.
     */
    public <T> Page<T> page(Class<T> type, PageRequest request, String prefix, String... parts) {
        String start = request.bookmark().isEmpty()
                ? ""
                : key(
                        prefix,
                        Stream.concat(Arrays.stream(parts), Stream.of(request.bookmark()))
                                .toArray(String[]::new));
        List<T> values = new ArrayList<>();
        String next = "";
        try (QueryResultsIteratorWithMetadata<KeyValue> results = stub.getStateByPartialCompositeKeyWithPagination(
                stub.createCompositeKey(prefix, parts), request.size(), start)) {
            for (KeyValue kv : results) {
                values.add(decode(kv.getKey(), kv.getValue(), type));
            }
            String nextKey =
                    results.getMetadata() == null ? "" : results.getMetadata().getBookmark();
            if (!nextKey.isEmpty()) {
                List<String> attributes = stub.splitCompositeKey(nextKey).getAttributes();
                next = attributes.get(attributes.size() - 1);
            }
        } catch (Exception e) {
            throw rethrown(e);
        }
        return new Page<>(values, next);
    }

    private static <T> T decode(String key, byte[] value, Class<T> type) {
        try {
            return CanonicalJson.read(value, type);
        } catch (InvalidInputException e) {
            throw Refusals.refuse(
                    ErrorCode.CORRUPT_STATE,
                    "the value at " + key.replace('\u0000', '~') + " is not a valid " + type.getSimpleName());
        }
    }

    /** Query iterators declare {@code close() throws Exception}; runtime failures pass through unchanged. */
    private static RuntimeException rethrown(Exception e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("closing a ledger query failed", e);
    }
}
