package org.fdcfabric.datacenter.chain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.audit.AuditClient;
import org.fdcfabric.client.job.JobClient;
import org.fdcfabric.client.pass.PassClient;
import org.fdcfabric.datacenter.federation.DatasetUse;
import org.fdcfabric.datacenter.federation.PassCheck;
import org.fdcfabric.datacenter.federation.PassClearance;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.LedgerRefusal;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsageReport;

/**
 * {@link PassCheck} on chain: the pass a center presents for a job is the one its owner accepted the job with
 * ({@code job:GetJob}); {@code pass:VerifyPass} judges it, and every use or refusal becomes an
 * {@code audit:RecordUsage} entry signed by the center's own organisation.
 */
public final class ChainPassCheck implements PassCheck {
    /** Pass ids never change once a provider has accepted a job, so each is looked up once. */
    private final Map<String, Participant> participants = new ConcurrentHashMap<>();

    private final JobClient jobs;
    private final PassClient passes;
    private final AuditClient audit;

    public ChainPassCheck(JobClient jobs, PassClient passes, AuditClient audit) {
        this.jobs = jobs;
        this.passes = passes;
        this.audit = audit;
    }

    @Override
    public PassClearance verifyPass(String jobId, String datasetId, String purpose) {
        try {
            Optional<TrainingJob> job = jobs.job(jobId);
            if (job.isEmpty()) {
                return PassClearance.refused(ErrorCode.JOB_NOT_FOUND.name());
            }
            Optional<Participant> participant = job.get().participant(datasetId);
            if (participant.isEmpty()) {
                return PassClearance.refused(ErrorCode.NOT_A_PARTICIPANT.name());
            }
            participants.put(key(jobId, datasetId), participant.get());
            PassVerdict verdict = passes.verify(participant.get().passId(), datasetId, purpose);
            return verdict.valid()
                    ? PassClearance.granted(job.get().offer().computeMsp())
                    : PassClearance.refused(verdict.reason());
        } catch (FdcClientException e) {
            throw new LedgerRefusal(
                    code(e), "cannot verify the pass of job " + jobId + " on chain: " + e.getMessage(), e);
        }
    }

    @Override
    public void recordUsage(DatasetUse report) {
        Participant participant = participants.get(key(report.jobId(), report.datasetId()));
        String counterpart = report.callerMsp().equals("unknown") ? null : report.callerMsp();
        UsageKind kind = !report.granted()
                ? UsageKind.REFUSED
                : report.operation().equals("train") ? UsageKind.TRAIN : UsageKind.EVALUATE;
        String detail = report.granted()
                ? String.format(Locale.ROOT, "%s on %d samples", report.operation(), report.samples())
                : report.operation() + " refused: " + report.reason();
        try {
            audit.recordUsage(new UsageReport(
                    report.datasetId(),
                    kind,
                    report.jobId(),
                    participant == null ? null : participant.passId(),
                    counterpart,
                    (long) report.round(),
                    detail,
                    null));
        } catch (FdcClientException e) {
            throw new LedgerRefusal(code(e), "cannot record usage of " + report.datasetId() + ": " + e.getMessage(), e);
        }
    }

    private static String code(FdcClientException e) {
        return e instanceof ChaincodeRejected rejected ? rejected.code() : LedgerRefusal.LEDGER_UNAVAILABLE;
    }

    private static String key(String jobId, String datasetId) {
        return jobId + "\n" + datasetId;
    }
}
