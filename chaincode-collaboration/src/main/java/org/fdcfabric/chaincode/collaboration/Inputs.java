package org.fdcfabric.chaincode.collaboration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.json.CanonicalJson;

/** Turns client input into values, and every broken input rule into a ChaincodeException with its stable code. */
public final class Inputs {
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{1,19}");

    private Inputs() {}

    public static <T> T json(String json, Class<T> type) {
        return Refusals.checked(() -> CanonicalJson.read(json, type));
    }

    public static Instant instant(String value, String field) {
        if (value == null) {
            throw Refusals.refuse(ErrorCode.INVALID_ARGUMENT, field + " is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusals.refuse(
                    ErrorCode.INVALID_ARGUMENT, field + " must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    /**
     * A positive whole number written in ASCII digits only: {@code Long.parseLong} also takes a leading {@code +}
     * and any Unicode digit ({@code ٣}), which would let two spellings of one amount pass.
     */
    public static long positiveLong(String value, String field, ErrorCode code) {
        if (value == null || !ASCII_DIGITS.matcher(value).matches()) {
            throw Refusals.refuse(code, field + " must be a whole number written in the digits 0-9");
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed <= 0) {
                throw Refusals.refuse(code, field + " must be positive, was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw Refusals.refuse(code, field + " must be a whole number");
        }
    }
}
