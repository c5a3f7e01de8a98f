package org.fdcfabric.client.job;

import static org.fdcfabric.client.tx.Arguments.bookmark;
import static org.fdcfabric.client.tx.Arguments.pageSize;
import static org.fdcfabric.client.tx.Arguments.positive;

import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Arguments;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobPage;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.PassVerdict;

final class GatewayJobClient implements JobClient {
    private final ContractCalls calls;

    GatewayJobClient(ContractCalls calls) {
        this.calls = calls;
    }

    @Override
    public Committed<TrainingJob> create(JobOffer offer) throws FdcClientException {
        return calls.submit("CreateJob", TrainingJob.class, Arguments.json(JobRules.validateOffer(offer)));
    }

    @Override
    public Committed<TrainingJob> accept(String jobId, String datasetId, String passId, long samples)
            throws FdcClientException {
        return calls.submit(
                "AcceptJob",
                TrainingJob.class,
                jobId,
                datasetId,
                passId,
                positive(samples, ErrorCode.INVALID_SAMPLES, "samples"));
    }

    @Override
    public Committed<TrainingJob> start(String jobId) throws FdcClientException {
        return calls.submit("StartJob", TrainingJob.class, jobId);
    }

    @Override
    public Committed<RoundRecord> recordRound(String jobId, RoundSubmission round) throws FdcClientException {
        return calls.submit("RecordRound", RoundRecord.class, jobId, Arguments.json(JobRules.validateRound(round)));
    }

    @Override
    public Committed<TrainingJob> complete(String jobId) throws FdcClientException {
        return calls.submit("CompleteJob", TrainingJob.class, jobId);
    }

    @Override
    public Committed<TrainingJob> fail(String jobId, String reason) throws FdcClientException {
        return calls.submit("FailJob", TrainingJob.class, jobId, reason);
    }

    @Override
    public Committed<TrainingJob> cancel(String jobId) throws FdcClientException {
        return calls.submit("CancelJob", TrainingJob.class, jobId);
    }

    @Override
    public Committed<CenterKey> registerCenterKey() throws FdcClientException {
        return calls.submit("RegisterCenterKey", CenterKey.class);
    }

    @Override
    public Optional<CenterKey> centerKey(String msp, String fingerprint) throws FdcClientException {
        return calls.find("GetCenterKey", CenterKey.class, ErrorCode.CENTER_KEY_NOT_FOUND, msp, fingerprint);
    }

    @Override
    public Optional<TrainingJob> job(String jobId) throws FdcClientException {
        return calls.find("GetJob", TrainingJob.class, ErrorCode.JOB_NOT_FOUND, jobId);
    }

    @Override
    public PassVerdict verifyParticipation(String jobId, String datasetId, String purpose) throws FdcClientException {
        return calls.evaluate("VerifyParticipation", PassVerdict.class, jobId, datasetId, purpose);
    }

    @Override
    public Optional<RoundRecord> round(String jobId, long round) throws FdcClientException {
        return calls.find(
                "GetRound",
                RoundRecord.class,
                ErrorCode.ROUND_NOT_FOUND,
                jobId,
                positive(round, ErrorCode.ROUND_NOT_FOUND, "round"));
    }

    @Override
    public JobPage jobs(int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListJobs", JobPage.class, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public RoundPage rounds(String jobId, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListRounds", RoundPage.class, jobId, pageSize(pageSize), bookmark(bookmark));
    }
}
