package org.fdcfabric.chaincode.registration;

import org.fdcfabric.protocol.InvalidInputException;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Error codes of the registration contract. Input-format codes ({@code INVALID_*}, {@code MALFORMED_JSON}) come from
 * the protocol's rules and pass through unchanged; these are the contract's own.
 */
enum RegistrationError {
    /** The caller's certificate lacks {@code fdc.role=provider}. */
    NOT_A_PROVIDER,
    /** The caller's MSP does not own the dataset. */
    NOT_OWNER,
    DATASET_EXISTS,
    DATASET_NOT_FOUND,
    DATASET_RETIRED,
    VERSION_NOT_FOUND,
    /** An update that changes nothing would only add noise to the history. */
    DATASET_UNCHANGED,
    TOO_MANY_VERSIONS,
    DRAFT_TOO_LARGE,
    INVALID_VERSION,
    INVALID_PAGE_SIZE,
    INVALID_BOOKMARK,
    INVALID_MSP_ID,
    INVALID_SUBJECT,
    /** Stored state does not parse: evidence of tampering or a bug, never the caller's fault. */
    CORRUPT_STATE;

    /** The code leads the message because the Gateway passes the message on and drops the payload. */
    ChaincodeException error(String message) {
        return new ChaincodeException(name() + ": " + message, name());
    }

    static ChaincodeException of(InvalidInputException e) {
        return new ChaincodeException(e.getMessage(), e.code());
    }
}
