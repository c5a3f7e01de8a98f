package org.fdcfabric.compute.chain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.job.JobClient;
import org.fdcfabric.client.registration.RegistrationClient;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.JobLedger;
import org.fdcfabric.compute.job.RoundResult;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.LedgerRefusal;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundProgress;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * {@link JobLedger} on the collaboration and registration channels, as the compute organisation. A round's
 * previous model, distance moved and convergence flag travel in the round's {@link RoundProgress}, which is what a
 * restarted coordinator resumes from. The chain keeps which sampled centers did not count but not why, so they
 * read back as {@link Absence.Kind#ABSENT}. The chain settles on {@code job:CompleteJob} alone: the final model is
 * the last recorded round's aggregate, whose hash is on chain.
 */
public final class ChainJobLedger implements JobLedger {
    private static final int PAGE = 100;

    private final JobClient jobs;
    private final RegistrationClient registration;

    public ChainJobLedger(JobClient jobs, RegistrationClient registration) {
        this.jobs = jobs;
        this.registration = registration;
    }

    @Override
    public JobAssignment readJob(String jobId) {
        TrainingJob job = chainJob(jobId);
        List<String> datasetIds = job.offer().datasetIds();
        DatasetSchema schema = Preprocessing.inputSchema(ucl(datasetIds.get(0)).schema());
        try {
            return new JobAssignment(
                    jobId,
                    job.offer().purpose(),
                    job.offer().computeMsp(),
                    datasetIds,
                    Math.toIntExact(job.offer().rounds()),
                    PlanTerms.fromOffer(
                            job.offer().model(), schema.featureNames().size(), schema.outputCount()));
        } catch (IllegalArgumentException e) {
            throw new LedgerRefusal("INVALID_MODEL_SPEC", "job " + jobId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<UclAddress> uclAddresses(JobAssignment job) {
        List<UclAddress> addresses = new ArrayList<>();
        for (String datasetId : job.datasetIds()) {
            Ucl ucl = ucl(datasetId);
            addresses.add(new UclAddress(ucl.id(), ucl.ownerMsp(), hostAndPort(ucl), ucl.schema(), ucl.merkleRoot()));
        }
        return addresses;
    }

    @Override
    public List<RoundResult> recordedRounds(String jobId) {
        List<RoundResult> rounds = new ArrayList<>();
        String previousHash = null;
        String bookmark = "";
        try {
            do {
                RoundPage page = jobs.rounds(jobId, PAGE, bookmark);
                for (RoundRecord round : page.rounds()) {
                    rounds.add(fromChain(round, previousHash));
                    previousHash = round.aggregateModelHash();
                }
                bookmark = page.bookmark();
            } while (!bookmark.isEmpty());
        } catch (FdcClientException e) {
            throw failure("read the rounds of job " + jobId, e);
        }
        return rounds;
    }

    @Override
    public void recordRound(RoundResult record) {
        RoundSubmission submission = new RoundSubmission(
                record.round(),
                record.participants(),
                record.absences().stream()
                        .map(Absence::datasetId)
                        .distinct()
                        .sorted()
                        .toList(),
                record.aggregateModelHash(),
                record.metrics(),
                record.aggregation(),
                record.progress());
        try {
            jobs.recordRound(record.jobId(), submission);
        } catch (FdcClientException e) {
            throw failure("record round " + record.round() + " of job " + record.jobId(), e);
        }
    }

    @Override
    public void completeJob(String jobId, String finalModelHash) {
        try {
            jobs.complete(jobId);
        } catch (FdcClientException e) {
            throw failure("complete job " + jobId, e);
        }
    }

    private TrainingJob chainJob(String jobId) {
        try {
            return jobs.job(jobId).orElseThrow(() -> new LedgerRefusal(ErrorCode.JOB_NOT_FOUND, "no job " + jobId));
        } catch (FdcClientException e) {
            throw failure("read job " + jobId, e);
        }
    }

    private Ucl ucl(String datasetId) {
        try {
            return registration
                    .dataset(datasetId)
                    .orElseThrow(() -> new LedgerRefusal(ErrorCode.DATASET_NOT_FOUND, "no UCL " + datasetId));
        } catch (FdcClientException e) {
            throw failure("read the UCL of " + datasetId, e);
        }
    }

    private static RoundResult fromChain(RoundRecord round, String previousHash) {
        RoundProgress progress =
                round.progress() == null ? new RoundProgress(previousHash, null, false) : round.progress();
        List<UpdateCommitment> participants = new ArrayList<>();
        for (RoundParticipant p : round.participants()) {
            participants.add(new UpdateCommitment(p.datasetId(), p.samples(), p.updateCommitment(), p.usage()));
        }
        List<Absence> absences = round.stragglers().stream()
                .map(id -> new Absence(id, Absence.Kind.ABSENT, "recorded as absent on chain"))
                .toList();
        return new RoundResult(
                round.jobId(),
                Math.toIntExact(round.round()),
                participants,
                absences,
                round.aggregateModelHash(),
                round.metrics(),
                progress,
                round.aggregation() == null ? RoundAggregation.plainFedAvg() : round.aggregation());
    }

    /** UCLs publish {@code grpcs://host:port}; the coordinator's directory dials {@code host:port}. */
    private static String hostAndPort(Ucl ucl) {
        try {
            URI uri = new URI(ucl.address());
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalStateException(
                        "INVALID_ADDRESS: UCL " + ucl.id() + " names no host and port: " + ucl.address());
            }
            return uri.getHost() + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            throw new LedgerRefusal("INVALID_ADDRESS", "UCL " + ucl.id() + ": " + e.getMessage(), e);
        }
    }

    /** The port's contract: the chaincode's code as a value, or {@code LEDGER_UNAVAILABLE}. */
    private static LedgerRefusal failure(String action, FdcClientException e) {
        String code = e instanceof ChaincodeRejected rejected ? rejected.code() : LedgerRefusal.LEDGER_UNAVAILABLE;
        return new LedgerRefusal(code, "cannot " + action + ": " + e.getMessage(), e);
    }
}
