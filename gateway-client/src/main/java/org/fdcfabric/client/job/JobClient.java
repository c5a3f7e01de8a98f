package org.fdcfabric.client.job;

import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobPage;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.PassVerdict;

/** The {@code job} contract on the collaboration channel: training jobs from escrowed offer to settlement. */
public interface JobClient {

    static JobClient over(ContractCalls calls) {
        return new GatewayJobClient(calls);
    }

    /** {@code job:CreateJob}: escrows {@code providerCap + computeFee} from the caller's wallet. */
    Committed<TrainingJob> create(JobOffer offer) throws FdcClientException;

    /** {@code job:AcceptJob}: a dataset owner joins with one dataset, its pass and the samples it commits. */
    Committed<TrainingJob> accept(String jobId, String datasetId, String passId, long samples)
            throws FdcClientException;

    /** {@code job:StartJob}: the compute organisation starts training. */
    Committed<TrainingJob> start(String jobId) throws FdcClientException;

    /** {@code job:RecordRound}: the compute organisation records the next round. */
    Committed<RoundRecord> recordRound(String jobId, RoundSubmission round) throws FdcClientException;

    /** {@code job:CompleteJob}: settles a running job (payouts, compute fee, refund). */
    Committed<TrainingJob> complete(String jobId) throws FdcClientException;

    /**
     * {@code job:FailJob}: the compute organisation gives up on a running job, saying why in one line of at most
     * {@code JobRules.MAX_REASON_CHARS} characters; the payer gets the whole escrow back.
     */
    Committed<TrainingJob> fail(String jobId, String reason) throws FdcClientException;

    /** {@code job:CancelJob}: refunds the whole escrow to the payer. */
    Committed<TrainingJob> cancel(String jobId) throws FdcClientException;

    /**
     * {@code job:RegisterCenterKey}: registers the caller's own certificate as a key its organisation's data
     * centers sign round usage with (idempotent).
     */
    Committed<CenterKey> registerCenterKey() throws FdcClientException;

    /** {@code job:GetCenterKey}; empty when {@code msp} registered no such key. */
    Optional<CenterKey> centerKey(String msp, String fingerprint) throws FdcClientException;

    /** {@code job:GetJob}; empty when there is no such job. */
    Optional<TrainingJob> job(String jobId) throws FdcClientException;

    /**
     * {@code job:VerifyParticipation}: the verdict on the pass {@code datasetId} accepted the job with, judged now,
     * and only while the job is RUNNING (otherwise invalid with reason {@code JOB_NOT_RUNNING}; {@code
     * JOB_NOT_FOUND} and {@code NOT_A_PARTICIPANT} likewise): what a data center asks before every use.
     */
    PassVerdict verifyParticipation(String jobId, String datasetId, String purpose) throws FdcClientException;

    /** {@code job:GetRound}; empty when the job has no such round (the job itself must exist). */
    Optional<RoundRecord> round(String jobId, long round) throws FdcClientException;

    /** {@code job:ListJobs}: every job in job id order. */
    JobPage jobs(int pageSize, String bookmark) throws FdcClientException;

    /** {@code job:ListRounds}: a job's recorded rounds in order. */
    RoundPage rounds(String jobId, int pageSize, String bookmark) throws FdcClientException;
}
