package org.fdcfabric.client.tx;

import java.time.Instant;
import org.fdcfabric.protocol.ErrorCode;
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
                    ErrorCode.INVALID_PAGE.name(), "page size must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        return Integer.toString(size);
    }

    /** The empty bookmark asks for the first page. */
    public static String bookmark(String bookmark) {
        return bookmark == null ? "" : bookmark;
    }

    public static String amount(long amount) {
        if (amount <= 0) {
            throw new InvalidInputException(ErrorCode.INVALID_AMOUNT.name(), "amount must be positive, was " + amount);
        }
        return Long.toString(amount);
    }

    public static String positive(long value, ErrorCode code, String field) {
        if (value <= 0) {
            throw new InvalidInputException(code.name(), field + " must be positive, was " + value);
        }
        return Long.toString(value);
    }

    public static String instant(Instant instant, ErrorCode code, String field) {
        if (instant == null) {
            throw new InvalidInputException(code.name(), field + " is required");
        }
        return instant.toString();
    }

    public static String json(Object value) {
        return CanonicalJson.write(value);
    }
}
