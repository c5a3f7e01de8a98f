package org.fdcfabric.chaincode.support;

import java.util.function.Supplier;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * How a chaincode refuses: a {@link ChaincodeException} whose payload is the code and whose message starts with it,
 * because the Gateway passes the message on and drops the payload.
 */
public final class Refusals {
    private Refusals() {}

    public static ChaincodeException refuse(ErrorCode code, String message) {
        return new ChaincodeException(code.name() + ": " + message, code.name());
    }

    /** A protocol rule's refusal, passed on with its own code (for example {@code INVALID_DATASET_ID}). */
    public static ChaincodeException of(InvalidInputException e) {
        return new ChaincodeException(e.getMessage(), e.code());
    }

    /** Runs a protocol rule, reporting its {@link InvalidInputException} with the rule's code. */
    public static <T> T checked(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidInputException e) {
            throw of(e);
        }
    }
}
