package org.fdcfabric.client.tx;

import java.time.Instant;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * Turns typed arguments into the strings chaincode transactions take, refusing values the chaincode would refuse
 * anyway before anything is signed or sent.
 */
public final class Arguments {
    /** The chaincodes' page size limit. */
    public static final int MAX_PAGE_SIZE = 100;

    private Arguments() {}

    public static String pageSize(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException(
                    "INVALID_PAGE", "page size must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        return Integer.toString(size);
    }

    /** The empty bookmark asks for the first page. */
    public static String bookmark(String bookmark) {
        return bookmark == null ? "" : bookmark;
    }

    public static String amount(long amount) {
        if (amount <= 0) {
            throw new InvalidInputException("INVALID_AMOUNT", "amount must be positive, was " + amount);
        }
        return Long.toString(amount);
    }

    public static String positive(long value, String code, String field) {
        if (value <= 0) {
            throw new InvalidInputException(code, field + " must be positive, was " + value);
        }
        return Long.toString(value);
    }

    public static String instant(Instant instant, String code, String field) {
        if (instant == null) {
            throw new InvalidInputException(code, field + " is required");
        }
        return instant.toString();
    }

    public static String json(Object value) {
        return CanonicalJson.write(value);
    }
}
