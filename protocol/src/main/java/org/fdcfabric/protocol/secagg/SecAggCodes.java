package org.fdcfabric.protocol.secagg;

/** Stable error codes of secure aggregation, as they appear in {@code InvalidInputException#code()}. */
public final class SecAggCodes {
    public static final String INVALID_MESSAGE = "SECAGG_INVALID_MESSAGE";
    public static final String INVALID_CENTER_ID = "SECAGG_INVALID_CENTER_ID";
    public static final String WRONG_SESSION = "SECAGG_WRONG_SESSION";
    public static final String WRONG_PHASE = "SECAGG_WRONG_PHASE";
    public static final String UNKNOWN_CENTER = "SECAGG_UNKNOWN_CENTER";
    public static final String DUPLICATE_MESSAGE = "SECAGG_DUPLICATE_MESSAGE";
    public static final String BAD_SIGNATURE = "SECAGG_BAD_SIGNATURE";
    public static final String DUPLICATE_SHARE = "SECAGG_DUPLICATE_SHARE";
    public static final String WRONG_SHARE = "SECAGG_WRONG_SHARE";
    public static final String SHARE_DECRYPTION_FAILED = "SECAGG_SHARE_DECRYPTION_FAILED";
    public static final String WRONG_VECTOR_LENGTH = "SECAGG_WRONG_VECTOR_LENGTH";
    public static final String UPDATE_OUT_OF_BOUNDS = "SECAGG_UPDATE_OUT_OF_BOUNDS";
    /** A center's statistic is not finite or exceeds {@link StatisticsCodec}'s bound. */
    public static final String STATISTIC_OUT_OF_BOUNDS = "SECAGG_STATISTIC_OUT_OF_BOUNDS";

    public static final String INVALID_PARAMETERS = "SECAGG_INVALID_PARAMETERS";
    public static final String INCONSISTENT_REQUEST = "SECAGG_INCONSISTENT_REQUEST";
    public static final String SESSION_REUSED = "SECAGG_SESSION_REUSED";
    public static final String MASKS_DID_NOT_CANCEL = "SECAGG_MASKS_DID_NOT_CANCEL";

    private SecAggCodes() {}
}
