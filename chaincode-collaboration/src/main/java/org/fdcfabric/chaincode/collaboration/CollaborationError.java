package org.fdcfabric.chaincode.collaboration;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Error codes of the collaboration chaincode. The code leads the message (the Gateway forwards messages and drops
 * payloads) and is the payload. Input format rules report the codes of the protocol rules they come from (for
 * example {@code INVALID_JOB_ID}); see {@link Inputs}.
 */
public enum CollaborationError {
    UNAUTHORIZED_ROLE,
    WRONG_ORGANISATION,
    INVALID_ARGUMENT,
    INVALID_PAGE,
    TOKEN_NOT_INITIALIZED,
    TOKEN_ALREADY_INITIALIZED,
    INVALID_AMOUNT,
    UNKNOWN_ACCOUNT,
    CHANNEL_MEMBERS_UNKNOWN,
    SELF_TRANSFER,
    INSUFFICIENT_FUNDS,
    AMOUNT_OVERFLOW,
    REQUEST_EXISTS,
    REQUEST_NOT_FOUND,
    REQUEST_EXPIRED,
    NONCE_REUSED,
    INVALID_SIGNATURE,
    DATASET_NOT_FOUND,
    DATASET_RETIRED,
    DATASET_NOT_IN_REQUEST,
    NOT_DATASET_OWNER,
    ALREADY_DECIDED,
    INVALID_EXPIRY,
    INVALID_ROUNDS,
    PASS_NOT_FOUND,
    PASS_NOT_ACTIVE,
    PASS_INVALID,
    REGISTRY_UNAVAILABLE,
    JOB_EXISTS,
    JOB_NOT_FOUND,
    JOB_NOT_OPEN,
    JOB_NOT_RUNNING,
    JOB_SETTLED,
    INVALID_DEADLINE,
    DEADLINE_PASSED,
    INVALID_SAMPLES,
    DATASET_NOT_IN_JOB,
    ALREADY_ACCEPTED,
    SAMPLES_EXCEED_RECORDS,
    NO_PARTICIPANTS,
    WRONG_ROUND,
    NOT_A_PARTICIPANT,
    SAMPLES_EXCEED_COMMITMENT,
    NO_ROUNDS_RECORDED,
    INVALID_SUBJECT,
    ROUND_NOT_FOUND,
    AGGREGATION_MISMATCH,
    FAILED_ROUND_CHANGES_MODEL;

    public ChaincodeException error(String message) {
        return new ChaincodeException(name() + ": " + message, name());
    }
}
