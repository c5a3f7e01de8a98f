package org.fdcfabric.chaincode.collaboration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Paged reads over composite keys: bounded page sizes and Fabric bookmarks passed through unchanged. */
public final class Paging {
    public static final int MAX_PAGE_SIZE = 100;

    private Paging() {}

    public static int pageSize(String value) {
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CollaborationError.INVALID_PAGE.error("pageSize must be a whole number from 1 to " + MAX_PAGE_SIZE);
    }

    /** One page of values under {@code prefix~attributes}, decoded as {@code type}, with the next bookmark. */
    public static <T> Page<T> read(
            Tx tx, Class<T> type, int pageSize, String bookmark, String prefix, String... attributes) {
        List<T> values = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> it = tx.stub()
                .getStateByPartialCompositeKeyWithPagination(
                        tx.stub().createCompositeKey(prefix, attributes), pageSize, bookmark == null ? "" : bookmark)) {
            for (KeyValue kv : it) {
                values.add(CanonicalJson.read(new String(kv.getValue(), StandardCharsets.UTF_8), type));
            }
            next = it.getMetadata() == null ? "" : it.getMetadata().getBookmark();
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("closing a ledger query failed", e);
        }
        return new Page<>(values, next);
    }

    /** Maps page contents, keeping the bookmark. */
    public record Page<T>(List<T> values, String bookmark) {
        public <R> Page<R> map(Function<T, R> f) {
            return new Page<>(values.stream().map(f).toList(), bookmark);
        }
    }
}
