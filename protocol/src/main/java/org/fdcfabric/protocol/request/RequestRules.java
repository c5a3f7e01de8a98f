package org.fdcfabric.protocol.request;

import static org.fdcfabric.protocol.InputChecks.inRange;
import static org.fdcfabric.protocol.InputChecks.matches;
import static org.fdcfabric.protocol.InputChecks.present;
import static org.fdcfabric.protocol.InputChecks.require;
import static org.fdcfabric.protocol.InputChecks.text;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.ucl.UclRules;

/** Validation rules and limits of a collaboration request (time-dependent checks belong to the caller). */
public final class RequestRules {
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    /** 16 to 64 random bytes in hex. */
    public static final Pattern NONCE = Pattern.compile("([0-9a-f]{2}){16,64}");

    public static final int MAX_DATASETS = 64;
    public static final int MAX_PURPOSE = 256;
    public static final int MAX_COMPUTATION = 128;
    public static final int MAX_ROUNDS = 10_000;

    public static final String INVALID_REQUEST_ID = "INVALID_REQUEST_ID";
    public static final String INVALID_MSP_ID = ErrorCode.INVALID_MSP_ID.name();
    public static final String INVALID_DATASET_IDS = "INVALID_DATASET_IDS";
    public static final String INVALID_PURPOSE = "INVALID_PURPOSE";
    public static final String INVALID_COMPUTATION = "INVALID_COMPUTATION";
    public static final String INVALID_MAX_ROUNDS = "INVALID_MAX_ROUNDS";
    public static final String INVALID_EXPIRY = ErrorCode.INVALID_EXPIRY.name();
    public static final String INVALID_NONCE = "INVALID_NONCE";

    private RequestRules() {}

    public static void validate(CollaborationRequest request) {
        present(request, "INVALID_REQUEST", "collaboration request");
        matches(request.requestId(), REQUEST_ID, INVALID_REQUEST_ID, "requestId");
        matches(request.dataUserMsp(), InputChecks.MSP_ID, INVALID_MSP_ID, "dataUserMsp");
        List<String> ids = present(request.datasetIds(), INVALID_DATASET_IDS, "datasetIds");
        require(
                !ids.isEmpty() && ids.size() <= MAX_DATASETS,
                INVALID_DATASET_IDS,
                "a request names 1 to " + MAX_DATASETS + " datasets, this one " + ids.size());
        for (String id : ids) {
            matches(id, UclRules.DATASET_ID, INVALID_DATASET_IDS, "dataset id");
        }
        require(new HashSet<>(ids).size() == ids.size(), INVALID_DATASET_IDS, "a dataset is named twice");
        text(request.purpose(), MAX_PURPOSE, false, INVALID_PURPOSE, "purpose");
        text(request.computation(), MAX_COMPUTATION, false, INVALID_COMPUTATION, "computation");
        inRange(request.maxRounds(), 1, MAX_ROUNDS, INVALID_MAX_ROUNDS, "maxRounds");
        present(request.expiresAt(), INVALID_EXPIRY, "expiresAt");
        matches(request.nonce(), NONCE, INVALID_NONCE, "nonce (32 to 128 lowercase hex digits)");
    }
}
