package org.fdcfabric.chaincode.collaboration.job;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;

/** Jobs ({@code job~{jobId}}) and their rounds ({@code round~{jobId}~{round}}) on the ledger. */
final class Jobs {
    private final Tx tx;
    private final AuditTrail audit;

    Jobs(Tx tx, AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
    }

    String key(String jobId) {
        return tx.key(Keys.JOB, jobId);
    }

    TrainingJob require(String jobId) {
        Refusals.checked(() -> InputChecks.matches(jobId, JobRules.JOB_ID, "INVALID_JOB_ID", "jobId"));
        return tx.read(key(jobId), TrainingJob.class)
                .orElseThrow(() -> Refusals.refuse(ErrorCode.JOB_NOT_FOUND, "no job " + jobId));
    }

    void save(TrainingJob job, String action) {
        tx.write(key(job.jobId()), job);
        audit.append(Subjects.job(job.jobId()), action, job);
    }

    String roundKey(String jobId, long round) {
        return tx.key(Keys.ROUND, jobId, Keys.sequence(round));
    }

    void saveRound(RoundRecord round) {
        tx.write(roundKey(round.jobId(), round.round()), round);
    }

    /** Every recorded round, read by key (each read is validated at commit, unlike a range scan's phantoms). */
    List<RoundRecord> rounds(TrainingJob job) {
        List<RoundRecord> rounds = new ArrayList<>();
        for (long r = 1; r <= job.roundsRecorded(); r++) {
            long round = r;
            rounds.add(tx.read(roundKey(job.jobId(), round), RoundRecord.class)
                    .orElseThrow(
                            () -> new IllegalStateException("round " + round + " of " + job.jobId() + " is missing")));
        }
        return rounds;
    }
}
