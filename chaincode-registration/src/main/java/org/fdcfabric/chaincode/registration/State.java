package org.fdcfabric.chaincode.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Typed access to world state: composite keys, canonical JSON values, and paged reads. */
final class State {
    private final ChaincodeStub stub;

    State(ChaincodeStub stub) {
        this.stub = stub;
    }

    ChaincodeStub stub() {
        return stub;
    }

    String key(String prefix, String... parts) {
        return stub.createCompositeKey(prefix, parts).toString();
    }

    <T> Optional<T> read(String key, Class<T> type) {
        byte[] value = stub.getState(key);
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        return Optional.of(decode(key, value, type));
    }

    boolean exists(String key) {
        byte[] value = stub.getState(key);
        return value != null && value.length > 0;
    }

    void write(String key, Object value) {
        stub.putState(key, CanonicalJson.bytes(value));
    }

    /** Every value under {@code prefix~parts...}, in key order (for bounded sets only). */
    <T> List<T> readAll(Class<T> type, String prefix, String... parts) {
        List<T> values = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByPartialCompositeKey(prefix, parts)) {
            for (KeyValue kv : results) {
                values.add(decode(kv.getKey(), kv.getValue(), type));
            }
        }
        return values;
    }

    /**
     * One page under {@code prefix~parts...}; the request's bookmark is the next key part after {@code parts}.
     * Fabric allows paged queries only in transactions that write nothing, so only queries call this.
     */
    <T> Page<T> page(Class<T> type, PageRequest request, String prefix, String... parts) {
        String start = request.bookmark().isEmpty()
                ? ""
                : key(
                        prefix,
                        Stream.concat(Arrays.stream(parts), Stream.of(request.bookmark()))
                                .toArray(String[]::new));
        List<T> values = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> results = stub.getStateByPartialCompositeKeyWithPagination(
                stub.createCompositeKey(prefix, parts), request.size(), start)) {
            for (KeyValue kv : results) {
                values.add(decode(kv.getKey(), kv.getValue(), type));
            }
            String nextKey = results.getMetadata().getBookmark();
            if (nextKey.isEmpty()) {
                next = "";
            } else {
                List<String> attributes = stub.splitCompositeKey(nextKey).getAttributes();
                next = attributes.get(attributes.size() - 1);
            }
        }
        return new Page<>(values, next);
    }

    private static <T> T decode(String key, byte[] value, Class<T> type) {
        try {
            return CanonicalJson.read(value, type);
        } catch (InvalidInputException e) {
            throw RegistrationError.CORRUPT_STATE.error(
                    "the value at " + key.replace('\u0000', '~') + " is not a valid " + type.getSimpleName());
        }
    }
}
