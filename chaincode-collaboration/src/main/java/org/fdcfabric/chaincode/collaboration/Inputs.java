package org.fdcfabric.chaincode.collaboration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Turns client input into values, and every broken input rule into a ChaincodeException with its stable code. */
public final class Inputs {
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{1,19}");

    private Inputs() {}

    public static <T> T json(String json, Class<T> type) {
        return checked(() -> CanonicalJson.read(json, type));
    }

    /** Runs a protocol rule, reporting its {@link InvalidInputException} code to the client. */
    public static <T> T checked(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidInputException e) {
            throw new ChaincodeException(e.getMessage(), e.code());
        }
    }

    public static Instant instant(String value, String field) {
        if (value == null) {
            throw CollaborationError.INVALID_ARGUMENT.error(field + " is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CollaborationError.INVALID_ARGUMENT.error(
                    field + " must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    /**
     * A positive whole number written in ASCII digits only: {@code Long.parseLong} also takes a leading {@code +}
     * and any Unicode digit ({@code ٣}), which would let two spellings of one amount pass.
     */
    public static long positiveLong(String value, String field, CollaborationError code) {
        if (value == null || !ASCII_DIGITS.matcher(value).matches()) {
            throw code.error(field + " must be a whole number written in the digits 0-9");
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed <= 0) {
                throw code.error(field + " must be positive, was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw code.error(field + " must be a whole number");
        }
    }
}
