package org.fdcfabric.datacenter.federation;

import org.fdcfabric.protocol.LedgerRefusal;

/**
 * The chain, as the federation service sees it (port; the gateway client's {@code pass} and {@code audit}
 * contracts implement it): whether this center's access pass for a job and dataset is valid now, and the record
 * of every use or refusal. Both methods throw {@link LedgerRefusal}, carrying the chaincode's code as a value, when
 * the chain refuses or cannot be reached.
 */
public interface PassCheck {
    /**
     * Whether the dataset's pass for the job may be used now: valid, for this purpose, not expired, not revoked,
     * rounds left, and the job RUNNING (refused with {@code JOB_NOT_RUNNING} before it starts and once it is
     * completed, failed or cancelled).
     */
    PassClearance verifyPass(String jobId, String datasetId, String purpose);

    /** {@code audit:RecordUsage}: one Train or Evaluate call, granted or refused. */
    void recordUsage(DatasetUse report);
}
