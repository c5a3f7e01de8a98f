package org.fdcfabric.datacenter.chain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.audit.AuditClient;
import org.fdcfabric.client.job.JobClient;
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
 * {@link PassCheck} on chain: the pass a center presents for a job is the one its owner accepted the job with;
 * {@code job:VerifyParticipation} judges it, and the job's status, at every call, and every use or refusal becomes an
 * {@code audit:RecordUsage} entry signed by the center's own organisation.
 *
 * <p>What a job says about a dataset's part in it (the pass it was accepted with) and who computes the job never
 * change once the provider has accepted, so {@code job:GetJob} is asked once per job and dataset. What does change
 * is judged by the chain at every call, in one evaluation: the pass (revoked, expired, rounds used up) and the job's
 * status, so a job that has not started or has completed, failed or been cancelled is refused ({@code
 * JOB_NOT_RUNNING}) at the next call; nothing the center keeps can make it serve a settled job.
 */
public final class ChainPassCheck implements PassCheck {
    /** A dataset's acceptance of a job and the job's compute organisation, fixed once accepted. */
    private record Acceptance(Participant participant, String computeMsp) {}

    private final Map<String, Acceptance> accepted = new ConcurrentHashMap<>();

    private final JobClient jobs;
    private final AuditClient audit;

    public ChainPassCheck(JobClient jobs, AuditClient audit) {
        this.jobs = jobs;
        this.audit = audit;
    }

    @Override
    public PassClearance verifyPass(String jobId, String datasetId, String purpose) {
        try {
            Acceptance acceptance = accepted.get(key(jobId, datasetId));
            if (acceptance == null) {
                Optional<TrainingJob> job = jobs.job(jobId);
                if (job.isEmpty()) {
                    return PassClearance.refused(ErrorCode.JOB_NOT_FOUND.name());
                }
                Optional<Participant> participant = job.get().participant(datasetId);
                if (participant.isEmpty()) {
                    return PassClearance.refused(ErrorCode.NOT_A_PARTICIPANT.name());
                }
                acceptance = new Acceptance(participant.get(), job.get().offer().computeMsp());
                accepted.put(key(jobId, datasetId), acceptance);
            }
            PassVerdict verdict = jobs.verifyParticipation(jobId, datasetId, purpose);
            return verdict.valid()
                    ? PassClearance.granted(acceptance.computeMsp())
                    : PassClearance.refused(verdict.reason());
        } catch (FdcClientException e) {
            throw new LedgerRefusal(
                    code(e), "cannot verify the pass of job " + jobId + " on chain: " + e.getMessage(), e);
        }
    }

    @Override
    public void recordUsage(DatasetUse report) {
        Acceptance acceptance = accepted.get(key(report.jobId(), report.datasetId()));
        Participant participant = acceptance == null ? null : acceptance.participant();
        String counterpart = report.callerMsp().equals("unknown") ? null : report.callerMsp();
        UsageKind kind = !report.granted()
                ? UsageKind.REFUSED
                : switch (report.operation()) {
                    case "train" -> UsageKind.TRAIN;
                    case "statistics" -> UsageKind.STATISTICS;
                    default -> UsageKind.EVALUATE;
                };
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
                    report.round() == 0 ? null : (long) report.round(),
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
