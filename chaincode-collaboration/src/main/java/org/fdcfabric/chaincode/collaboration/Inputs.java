package org.fdcfabric.chaincode.collaboration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Turns client input into values, and every broken input rule into a ChaincodeException with its stable code. */
public final class Inputs {
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

    public static long positiveLong(String value, String field, CollaborationError code) {
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
