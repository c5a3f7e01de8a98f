package org.fdcfabric.protocol;

/**
 * The error codes the two chaincodes refuse a transaction with, written once: the chaincodes throw them and every
 * client that branches on a refusal (gateway client, CLI, compute node, data center, auditor) matches these values
 * instead of string literals. The wire value is {@link #name()}; it leads the refusal's message and is its payload.
 * Input-format codes of the protocol's own rules ({@code INVALID_DATASET_ID}, {@code MALFORMED_JSON}, ...) travel in
 * {@link InvalidInputException} and are listed here only where a client matches them.
 */
public enum ErrorCode {
    // both channels
    /** Stored state does not parse: evidence of tampering or a bug, never the caller's fault. */
    CORRUPT_STATE,
    INVALID_BOOKMARK,
    INVALID_MSP_ID,
    INVALID_SUBJECT,
    DATASET_NOT_FOUND,
    DATASET_RETIRED,

    // registration channel
    /** The caller's certificate lacks {@code fdc.role=provider}. */
    NOT_A_PROVIDER,
    /** The caller's MSP does not own the dataset. */
    NOT_OWNER,
    DATASET_EXISTS,
    VERSION_NOT_FOUND,
    /** An update that changes nothing would only add noise to the history. */
    DATASET_UNCHANGED,
    TOO_MANY_VERSIONS,
    DRAFT_TOO_LARGE,
    INVALID_VERSION,
    /** Registration's code for a bad page size (collaboration's is {@link #INVALID_PAGE}; both kept for clients). */
    INVALID_PAGE_SIZE,

    // collaboration channel
    UNAUTHORIZED_ROLE,
    WRONG_ORGANISATION,
    INVALID_ARGUMENT,
    /** Collaboration's code for a bad page size. */
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
    DATASET_NOT_IN_REQUEST,
    NOT_DATASET_OWNER,
    ALREADY_DECIDED,
    INVALID_EXPIRY,
    INVALID_ROUNDS,
    PASS_NOT_FOUND,
    PASS_NOT_ACTIVE,
    PASS_INVALID,
    /** The registration chaincode could not be asked from the collaboration channel. */
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
    ROUND_NOT_FOUND,
    AGGREGATION_MISMATCH,
    FAILED_ROUND_CHANGES_MODEL,
    INVALID_CENTER_KEY,
    CENTER_KEY_NOT_FOUND,
    ROUND_NOT_CORROBORATED,
    BASE_MODEL_MISMATCH,
    NO_TRAINED_ROUND;

    /** Whether {@code code} (as a refusal carries it) is this one; false for null. */
    public boolean is(String code) {
        return name().equals(code);
    }
}
