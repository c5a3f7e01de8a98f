package org.fdcfabric.experiment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.JobLedger;
import org.fdcfabric.compute.job.RoundResult;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.DatasetUse;
import org.fdcfabric.datacenter.federation.InMemoryPassLedger;
import org.fdcfabric.datacenter.federation.PassCheck;
import org.fdcfabric.datacenter.federation.PassClearance;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.LedgerRefusal;

/**
 * An in-memory ledger with the chain's job, pass and audit semantics, for experiments that compare training
 * strategies on one machine without a chain: jobs and UCLs, rounds recorded strictly in order and never after
 * completion, passes valid for their purpose until expiry or revocation, and a usage log.
 */
public final class ExperimentLedger implements JobLedger, PassCheck {
    private final Map<String, JobAssignment> jobs = new TreeMap<>();
    private final Map<String, UclAddress> ucls = new TreeMap<>();
    private final Map<String, List<RoundResult>> rounds = new TreeMap<>();
    private final Map<String, String> completed = new TreeMap<>();
    private final InMemoryPassLedger passes;

    public ExperimentLedger(Clock clock) {
        this.passes = new InMemoryPassLedger(clock);
    }

    public synchronized void registerUcl(UclAddress ucl) {
        ucls.put(ucl.datasetId(), ucl);
    }

    /** Creates the job and grants every dataset's pass to the job's compute organisation until {@code expiresAt}. */
    public synchronized void createJob(JobAssignment job, Instant expiresAt) {
        if (jobs.putIfAbsent(job.jobId(), job) != null) {
            throw new LedgerRefusal(ErrorCode.JOB_EXISTS, "" + job.jobId());
        }
        for (String datasetId : job.datasetIds()) {
            passes.grant(job.jobId(), datasetId, job.computeMsp(), job.purpose(), expiresAt);
        }
    }

    public void revokePass(String jobId, String datasetId) {
        passes.revoke(jobId, datasetId);
    }

    public void expirePass(String jobId, String datasetId) {
        passes.expire(jobId, datasetId);
    }

    @Override
    public synchronized JobAssignment readJob(String jobId) {
        JobAssignment job = jobs.get(jobId);
        if (job == null) {
            throw new LedgerRefusal(ErrorCode.JOB_NOT_FOUND, "" + jobId);
        }
        return job;
    }

    @Override
    public synchronized List<UclAddress> uclAddresses(JobAssignment job) {
        List<UclAddress> out = new ArrayList<>();
        for (String datasetId : job.datasetIds()) {
            UclAddress ucl = ucls.get(datasetId);
            if (ucl == null) {
                throw new LedgerRefusal(ErrorCode.DATASET_NOT_FOUND, "" + datasetId);
            }
            out.add(ucl);
        }
        return out;
    }

    @Override
    public synchronized List<RoundResult> recordedRounds(String jobId) {
        return List.copyOf(rounds.getOrDefault(jobId, List.of()));
    }

    @Override
    public synchronized void recordRound(RoundResult record) {
        JobAssignment job = readJob(record.jobId());
        if (completed.containsKey(job.jobId())) {
            throw new LedgerRefusal("JOB_COMPLETED", "" + job.jobId());
        }
        List<RoundResult> recorded = rounds.computeIfAbsent(job.jobId(), j -> new ArrayList<>());
        if (record.round() != recorded.size() + 1) {
            throw new LedgerRefusal(
                    "ROUND_OUT_OF_ORDER",
                    "job " + job.jobId() + " expects round " + (recorded.size() + 1) + ", got " + record.round());
        }
        if (record.round() > job.maxRounds()) {
            throw new LedgerRefusal("ROUND_BUDGET_EXCEEDED", "" + record.round() + " > " + job.maxRounds());
        }
        recorded.add(record);
    }

    @Override
    public synchronized void completeJob(String jobId, String finalModelHash) {
        readJob(jobId);
        if (completed.putIfAbsent(jobId, finalModelHash) != null) {
            throw new LedgerRefusal("JOB_COMPLETED", "" + jobId);
        }
    }

    public synchronized Optional<String> completedModelHash(String jobId) {
        return Optional.ofNullable(completed.get(jobId));
    }

    @Override
    public PassClearance verifyPass(String jobId, String datasetId, String purpose) {
        return passes.verifyPass(jobId, datasetId, purpose);
    }

    @Override
    public void recordUsage(DatasetUse report) {
        passes.recordUsage(report);
    }

    public List<DatasetUse> usage() {
        return passes.usage();
    }
}
