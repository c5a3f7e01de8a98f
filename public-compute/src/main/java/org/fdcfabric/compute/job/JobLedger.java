package org.fdcfabric.compute.job;

import java.util.List;
import org.fdcfabric.protocol.LedgerRefusal;

/**
 * The chain, as the coordinator sees it (port; the gateway client's {@code job} and {@code registration}
 * clients implement it). Every method throws {@link LedgerRefusal} with the chaincode's error code as its
 * {@link LedgerRefusal#code() code} when the chain refuses ({@code LEDGER_UNAVAILABLE} when it cannot be reached).
 */
public interface JobLedger {
    /** {@code job:GetJob}. */
    JobAssignment readJob(String jobId);

    /** {@code registration:GetUcl} for each of the job's datasets, in the job's dataset order. */
    List<UclAddress> uclAddresses(JobAssignment job);

    /** The rounds already recorded for the job, in round order (what a restarted coordinator resumes from). */
    List<RoundResult> recordedRounds(String jobId);

    /** {@code job:RecordRound}. */
    void recordRound(RoundResult record);

    /** {@code job:CompleteJob}: the final model's hash; the chain pays providers for their accepted samples. */
    void completeJob(String jobId, String finalModelHash);
}
