package org.fdcfabric.protocol.trail;

import static org.fdcfabric.protocol.InputChecks.matches;
import static org.fdcfabric.protocol.InputChecks.present;
import static org.fdcfabric.protocol.InputChecks.text;

import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.ucl.UclRules;

/**
 * A provider's report of one local use of its dataset, as submitted to {@code audit:RecordUsage}.
 *
 * @param jobId the job concerned, when known
 * @param passId the pass presented, when any
 * @param counterpartMsp the organisation that asked for the use (for a refusal: the one refused)
 * @param round the training round, when the use belongs to one
 * @param detail a short free-text explanation (for a refusal, the reason)
 * @param evidenceHash lowercase hex SHA-256 of off-chain evidence (for example the refused request), optional
 */
public record UsageReport(
        String datasetId,
        UsageKind kind,
        String jobId,
        String passId,
        String counterpartMsp,
        Long round,
        String detail,
        String evidenceHash) {
    public static final int MAX_DETAIL_CHARS = 512;
    public static final int MAX_PASS_ID_CHARS = 160;

    public UsageReport validate() {
        matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId");
        present(kind, "INVALID_USAGE", "kind");
        if (jobId != null) {
            matches(jobId, JobRules.JOB_ID, "INVALID_JOB_ID", "jobId");
        }
        if (passId != null) {
            text(passId, MAX_PASS_ID_CHARS, false, "INVALID_USAGE", "passId");
        }
        if (counterpartMsp != null) {
            matches(counterpartMsp, InputChecks.MSP_ID, ErrorCode.INVALID_MSP_ID.name(), "counterpartMsp");
        }
        if (round != null) {
            InputChecks.inRange(round, 1, Long.MAX_VALUE, "INVALID_USAGE", "round");
        }
        if (detail != null) {
            text(detail, MAX_DETAIL_CHARS, false, "INVALID_USAGE", "detail");
        }
        if (evidenceHash != null) {
            matches(evidenceHash, InputChecks.SHA256_HEX, "INVALID_USAGE", "evidenceHash");
        }
        return this;
    }
}
