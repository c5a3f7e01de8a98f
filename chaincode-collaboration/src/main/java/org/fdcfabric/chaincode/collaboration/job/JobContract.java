package org.fdcfabric.chaincode.collaboration.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.chaincode.collaboration.DatasetRegistry;
import org.fdcfabric.chaincode.collaboration.Inputs;
import org.fdcfabric.chaincode.collaboration.pass.Passes;
import org.fdcfabric.chaincode.collaboration.token.Wallets;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Caller;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Page;
import org.fdcfabric.chaincode.support.PageRequest;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobPage;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.PayoutKind;
import org.fdcfabric.protocol.job.PayoutRule;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.Settlement;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.fdcfabric.protocol.token.Accounts;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclRules;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Federated training jobs from escrowed offer to settlement. */
@Contract(name = "job")
public final class JobContract implements ContractInterface {

    /**
     * A data user offers a job; its organisation's wallet pays {@code providerCap + computeFee} into the escrow
     * {@code escrow:{jobId}}. Emits {@code JobCreated}.
     */
    @Transaction
    public String CreateJob(Context ctx, String offerJson) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.DATA_USER);
        JobOffer offer = Inputs.json(offerJson, JobOffer.class);
        Refusals.checked(() -> JobRules.validateOffer(offer));
        if (!offer.deadline().isAfter(tx.time())) {
            throw Refusals.refuse(ErrorCode.INVALID_DEADLINE, "the deadline must be after the transaction time");
        }
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        if (tx.exists(jobs.key(offer.jobId()))) {
            throw Refusals.refuse(ErrorCode.JOB_EXISTS, "job " + offer.jobId() + " already exists");
        }
        Wallets wallets = new Wallets(tx, audit);
        wallets.token();
        wallets.move(
                tx.caller().msp(), Accounts.escrowOf(offer.jobId()), offer.escrowAmount(), "escrow", "job:CreateJob");
        TrainingJob job = new TrainingJob(
                offer, tx.caller().msp(), tx.caller().id(), JobStatus.OPEN, List.of(), 0, tx.time(), null, null);
        jobs.save(job, "job:CreateJob");
        tx.emit("JobCreated", job);
        return CanonicalJson.write(job);
    }

    /**
     * A dataset owner joins an open job with one dataset: its pass (held by the job's payer, for the job's
     * purpose) must be valid, and it commits {@code samples}, at most the UCL's record count. Emits
     * {@code JobAccepted}.
     */
    @Transaction
    public String AcceptJob(Context ctx, String jobId, String datasetId, String passId, String samples) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.PROVIDER);
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        TrainingJob job = jobs.require(jobId);
        requireStatus(job, JobStatus.OPEN);
        requireBeforeDeadline(tx, job);
        Refusals.checked(() -> InputChecks.matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId"));
        if (!job.offer().datasetIds().contains(datasetId)) {
            throw Refusals.refuse(ErrorCode.DATASET_NOT_IN_JOB, "job " + jobId + " does not use dataset " + datasetId);
        }
        if (job.participant(datasetId).isPresent()) {
            throw Refusals.refuse(
                    ErrorCode.ALREADY_ACCEPTED, "dataset " + datasetId + " already accepted job " + jobId);
        }
        long committed = Inputs.positiveLong(samples, "samples", ErrorCode.INVALID_SAMPLES);
        Passes passes = new Passes(tx, audit);
        AccessPass pass = passes.requireValid(passId, datasetId, job.offer().purpose());
        if (!pass.holderMsp().equals(job.payerMsp())) {
            throw Refusals.refuse(
                    ErrorCode.PASS_INVALID,
                    "pass " + passId + " is held by " + pass.holderMsp() + ", the job is paid by " + job.payerMsp());
        }
        if (!pass.ownerMsp().equals(tx.caller().msp())) {
            throw Refusals.refuse(ErrorCode.NOT_DATASET_OWNER, "pass " + passId + " was granted by " + pass.ownerMsp());
        }
        Ucl ucl = new DatasetRegistry(tx)
                .ownedActiveDataset(datasetId, tx.caller().msp());
        if (committed > ucl.recordCount()) {
            throw Refusals.refuse(
                    ErrorCode.SAMPLES_EXCEED_RECORDS,
                    "dataset " + datasetId + " has " + ucl.recordCount() + " records, not " + committed);
        }
        TrainingJob accepted = job.withParticipant(
                new Participant(datasetId, tx.caller().msp(), passId, committed, tx.time(), tx.txId()));
        jobs.save(accepted, "job:AcceptJob");
        tx.emit("JobAccepted", accepted);
        return CanonicalJson.write(accepted);
    }

    /** The job's compute organisation starts training once every participant still holds a valid pass. */
    @Transaction
    public String StartJob(Context ctx, String jobId) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.COMPUTE);
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        TrainingJob job = jobs.require(jobId);
        requireComputeOrganisation(tx.caller(), job);
        requireStatus(job, JobStatus.OPEN);
        requireBeforeDeadline(tx, job);
        if (job.participants().isEmpty()) {
            throw Refusals.refuse(ErrorCode.NO_PARTICIPANTS, "no provider has accepted job " + jobId);
        }
        Passes passes = new Passes(tx, audit);
        for (Participant p : job.participants()) {
            passes.requireValid(p.passId(), p.datasetId(), job.offer().purpose());
        }
        TrainingJob started = job.started(tx.time());
        jobs.save(started, "job:StartJob");
        tx.emit("JobStarted", started);
        return CanonicalJson.write(started);
    }

    /**
     * The compute organisation records the next round. Each contributing dataset must have accepted the job, may
     * report at most its committed samples, must hold a valid pass, which is charged one round, and must carry its
     * center's signature over the round's usage by a center key its owner registered: the compute organisation
     * alone cannot invent a contribution. The round must start from the previous round's model. Emits
     * {@code RoundRecorded}.
     */
    @Transaction
    public String RecordRound(Context ctx, String jobId, String roundJson) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.COMPUTE);
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        TrainingJob job = jobs.require(jobId);
        requireComputeOrganisation(tx.caller(), job);
        requireStatus(job, JobStatus.RUNNING);
        requireBeforeDeadline(tx, job);
        RoundSubmission submission = Inputs.json(roundJson, RoundSubmission.class);
        Refusals.checked(() -> JobRules.validateRound(submission));
        long expected = job.roundsRecorded() + 1;
        if (expected > job.offer().rounds()) {
            throw Refusals.refuse(
                    ErrorCode.WRONG_ROUND,
                    "job " + jobId + " has used its " + job.offer().rounds() + " rounds");
        }
        if (submission.round() != expected) {
            throw Refusals.refuse(ErrorCode.WRONG_ROUND, "the next round of " + jobId + " is " + expected);
        }
        for (String straggler : submission.stragglers()) {
            participant(job, straggler);
        }
        RoundAggregation aggregation = submission.aggregation();
        requireAgreedAggregation(job, aggregation);
        if (aggregation != null && aggregation.secure() != null) {
            aggregation.secure().advertised().forEach(id -> participant(job, id));
        }
        if (expected > 1) {
            String previous = tx.read(jobs.roundKey(jobId, expected - 1), RoundRecord.class)
                    .orElseThrow(
                            () -> new IllegalStateException("round " + (expected - 1) + " of " + jobId + " is missing"))
                    .aggregateModelHash();
            // a round with contributions always names its base (JobRules); a failed one may not
            if (submission.baseModelHash() != null && !previous.equals(submission.baseModelHash())) {
                throw Refusals.refuse(
                        ErrorCode.BASE_MODEL_MISMATCH,
                        "round " + expected + " starts from round " + (expected - 1) + "'s model " + previous);
            }
            if (aggregation != null && aggregation.failed() && !previous.equals(submission.aggregateModelHash())) {
                throw Refusals.refuse(
                        ErrorCode.FAILED_ROUND_CHANGES_MODEL,
                        "a failed round keeps the model of round " + (expected - 1) + ": " + previous);
            }
        }
        Passes passes = new Passes(tx, audit);
        List<AccessPass> toCharge = new ArrayList<>();
        List<RoundParticipant> participants = new ArrayList<>();
        CenterKeys centerKeys = new CenterKeys(tx);
        for (UpdateCommitment c : submission.contributions()) {
            Participant p = participant(job, c.datasetId());
            if (c.samples() > p.samples()) {
                throw Refusals.refuse(
                        ErrorCode.SAMPLES_EXCEED_COMMITMENT,
                        "dataset " + c.datasetId() + " committed " + p.samples() + " samples, not " + c.samples());
            }
            centerKeys.requireSigned(
                    p.providerMsp(), c.roundUsage(jobId, expected, submission.baseModelHash()), c.usage());
            toCharge.add(
                    passes.requireValid(p.passId(), p.datasetId(), job.offer().purpose()));
            participants.add(new RoundParticipant(
                    c.datasetId(), p.providerMsp(), p.passId(), c.samples(), c.commitment(), c.usage()));
        }
        for (AccessPass pass : toCharge) {
            passes.charge(pass, "job:RecordRound");
        }
        RoundRecord record = new RoundRecord(
                jobId,
                expected,
                participants,
                submission.stragglers(),
                submission.aggregateModelHash(),
                submission.metrics(),
                tx.caller().msp(),
                tx.time(),
                tx.txId(),
                aggregation,
                submission.progress());
        jobs.saveRound(record);
        jobs.save(job.withRoundRecorded(), "job:RecordRound");
        tx.emit("RoundRecorded", record);
        return CanonicalJson.write(record);
    }

    /**
     * Settles a running job with at least one recorded round, at least one of them trained by centers, by
     * {@link PayoutRule#completion}. Callable by the
     * compute organisation or by the paying data user. Emits {@code JobCompleted}.
     */
    @Transaction
    public String CompleteJob(Context ctx, String jobId) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.COMPUTE, Role.DATA_USER);
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        TrainingJob job = jobs.require(jobId);
        Caller caller = tx.caller();
        if (caller.has(Role.COMPUTE)) {
            requireComputeOrganisation(caller, job);
        } else {
            caller.requireOrganisation(
                    job.payerMsp(), "only the payer " + job.payerMsp() + " may complete job " + jobId);
        }
        requireStatus(job, JobStatus.RUNNING);
        if (job.roundsRecorded() == 0) {
            throw Refusals.refuse(
                    ErrorCode.NO_ROUNDS_RECORDED, "job " + jobId + " has no recorded round; cancel it instead");
        }
        List<RoundRecord> rounds = jobs.rounds(job);
        if (rounds.stream().allMatch(RoundRecord::failed)) {
            throw Refusals.refuse(
                    ErrorCode.NO_TRAINED_ROUND,
                    "no center trained in any round of job " + jobId + "; cancel it instead");
        }
        List<Payout> payouts = PayoutRule.completion(job, rounds);
        TrainingJob settled = settle(tx, audit, job, JobStatus.COMPLETED, payouts, "job:CompleteJob", null);
        jobs.save(settled, "job:CompleteJob");
        tx.emit("JobCompleted", settled);
        return CanonicalJson.write(settled);
    }

    /**
     * The job's compute organisation gives up on a running job (its attempts ran out) and says why: the payer gets
     * the whole escrow back, nobody is paid for rounds of a job that never completed. Emits {@code JobFailed}.
     */
    @Transaction
    public String FailJob(Context ctx, String jobId, String reason) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.COMPUTE);
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        TrainingJob job = jobs.require(jobId);
        requireComputeOrganisation(tx.caller(), job);
        requireStatus(job, JobStatus.RUNNING);
        String why = Refusals.checked(() -> JobRules.validateFailureReason(reason));
        TrainingJob failed = settle(tx, audit, job, JobStatus.FAILED, PayoutRule.failure(job), "job:FailJob", why);
        jobs.save(failed, "job:FailJob");
        tx.emit("JobFailed", failed);
        return CanonicalJson.write(failed);
    }

    /**
     * Refunds the whole escrow to the payer: by the payer's data users before settlement, or by anyone once the
     * deadline has passed. Emits {@code JobCancelled}.
     */
    @Transaction
    public String CancelJob(Context ctx, String jobId) {
        Tx tx = Tx.of(ctx);
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        TrainingJob job = jobs.require(jobId);
        if (tx.time().isBefore(job.offer().deadline())) {
            tx.caller().require(Role.DATA_USER);
            tx.caller().requireOrganisation(job.payerMsp(), "before the deadline only the payer may cancel " + jobId);
        }
        if (job.status().settled()) {
            throw Refusals.refuse(ErrorCode.JOB_SETTLED, "job " + jobId + " is already " + job.status());
        }
        TrainingJob settled =
                settle(tx, audit, job, JobStatus.CANCELLED, PayoutRule.cancellation(job), "job:CancelJob", null);
        jobs.save(settled, "job:CancelJob");
        tx.emit("JobCancelled", settled);
        return CanonicalJson.write(settled);
    }

    /**
     * A provider registers its own certificate as a key its organisation's data centers sign round usage with
     * ({@link CenterKeys#register}). Idempotent: registering again returns the kept record.
     */
    @Transaction
    public String RegisterCenterKey(Context ctx) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.PROVIDER);
        CenterKey key = new CenterKeys(tx).register(ctx.getClientIdentity().getX509Certificate(), new AuditTrail(tx));
        return CanonicalJson.write(key);
    }

    /** A registered center key, for auditors who verify round usage signatures again. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetCenterKey(Context ctx, String msp, String fingerprint) {
        return CanonicalJson.write(new CenterKeys(Tx.of(ctx)).require(msp, fingerprint));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetJob(Context ctx, String jobId) {
        Tx tx = Tx.of(ctx);
        return CanonicalJson.write(new Jobs(tx, new AuditTrail(tx)).require(jobId));
    }

    /**
     * What a data center asks before it puts a dataset to use for a job (Train, Evaluate, Statistics, MaskedTrain):
     * the verdict on the pass {@code datasetId} accepted job {@code jobId} with, judged at this transaction's time,
     * and only while the job is RUNNING. One evaluation reads the job's status and judges the pass at the same time,
     * so a center never works for a job that has not started or is already completed, failed or cancelled. An
     * answer that says no is an invalid verdict, not a refusal, as {@code pass:VerifyPass}'s is; its reason is
     * {@code JOB_NOT_FOUND}, {@code NOT_A_PARTICIPANT}, {@code JOB_NOT_RUNNING} or the pass's own.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String VerifyParticipation(Context ctx, String jobId, String datasetId, String purpose) {
        Tx tx = Tx.of(ctx);
        Refusals.checked(() -> InputChecks.matches(jobId, JobRules.JOB_ID, "INVALID_JOB_ID", "jobId"));
        Refusals.checked(() -> InputChecks.matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId"));
        AuditTrail audit = new AuditTrail(tx);
        Jobs jobs = new Jobs(tx, audit);
        Optional<TrainingJob> job = tx.read(jobs.key(jobId), TrainingJob.class);
        if (job.isEmpty()) {
            return CanonicalJson.write(refusedUse(tx, null, datasetId, purpose, ErrorCode.JOB_NOT_FOUND));
        }
        Optional<Participant> participant = job.get().participant(datasetId);
        if (participant.isEmpty()) {
            return CanonicalJson.write(refusedUse(tx, null, datasetId, purpose, ErrorCode.NOT_A_PARTICIPANT));
        }
        String passId = participant.get().passId();
        if (job.get().status() != JobStatus.RUNNING) {
            return CanonicalJson.write(refusedUse(tx, passId, datasetId, purpose, ErrorCode.JOB_NOT_RUNNING));
        }
        return CanonicalJson.write(new Passes(tx, audit).verdict(passId, datasetId, purpose));
    }

    private static PassVerdict refusedUse(Tx tx, String passId, String datasetId, String purpose, ErrorCode reason) {
        return new PassVerdict(passId, datasetId, purpose, false, reason.name(), 0, null, tx.time());
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRound(Context ctx, String jobId, String round) {
        Tx tx = Tx.of(ctx);
        Jobs jobs = new Jobs(tx, new AuditTrail(tx));
        TrainingJob job = jobs.require(jobId);
        long number = Inputs.positiveLong(round, "round", ErrorCode.ROUND_NOT_FOUND);
        Optional<RoundRecord> record = tx.read(jobs.roundKey(job.jobId(), number), RoundRecord.class);
        return CanonicalJson.write(record.orElseThrow(
                () -> Refusals.refuse(ErrorCode.ROUND_NOT_FOUND, "job " + jobId + " has no round " + number)));
    }

    /** Every job in job id order, paged. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListJobs(Context ctx, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        Page<TrainingJob> page = tx.page(
                TrainingJob.class,
                PageRequest.parse(pageSize, bookmark, JobRules.JOB_ID, ErrorCode.INVALID_PAGE),
                Keys.JOB);
        return CanonicalJson.write(new JobPage(page.items(), page.bookmark()));
    }

    /** A job's recorded rounds in order, paged. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListRounds(Context ctx, String jobId, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        TrainingJob job = new Jobs(tx, new AuditTrail(tx)).require(jobId);
        Page<RoundRecord> page = tx.page(
                RoundRecord.class,
                PageRequest.parse(pageSize, bookmark, PageRequest.SEQUENCE, ErrorCode.INVALID_PAGE),
                Keys.ROUND,
                job.jobId());
        return CanonicalJson.write(new RoundPage(page.items(), page.bookmark()));
    }

    /** Pays the escrow out; {@code failure} is the compute organisation's reason, for FAILED only. */
    private static TrainingJob settle(
            Tx tx,
            AuditTrail audit,
            TrainingJob job,
            JobStatus outcome,
            List<Payout> payouts,
            String action,
            String failure) {
        Wallets wallets = new Wallets(tx, audit);
        String escrow = Accounts.escrowOf(job.jobId());
        for (Payout payout : payouts) {
            wallets.move(escrow, payout.account(), payout.amount(), reason(payout.kind()), action);
        }
        return job.settled(new Settlement(outcome, job.offer().escrowAmount(), payouts, tx.time(), tx.txId(), failure));
    }

    private static String reason(PayoutKind kind) {
        return switch (kind) {
            case PROVIDER -> "payout";
            case COMPUTE_FEE -> "compute-fee";
            case REFUND -> "refund";
        };
    }

    /**
     * The round must be aggregated as the funded offer said: secure if its model terms say {@code secure=true}, with
     * the rule its {@code aggregator} term names (default {@code fedavg}). Rounds without an aggregation record are
     * plain FedAvg.
     */
    private static void requireAgreedAggregation(TrainingJob job, RoundAggregation aggregation) {
        Map<String, String> terms = job.offer().model().hyperparameters();
        boolean secure = "true".equals(terms.get(ModelSpec.SECURE_TERM));
        String rule = terms.getOrDefault(ModelSpec.AGGREGATOR_TERM, "fedavg");
        int colon = rule.indexOf(':');
        String ruleName = colon < 0 ? rule : rule.substring(0, colon);
        boolean recordedSecure = aggregation != null && aggregation.secureMode();
        String recordedRule = aggregation == null ? "fedavg" : aggregation.aggregator();
        if (secure != recordedSecure || !ruleName.equals(recordedRule)) {
            throw Refusals.refuse(
                    ErrorCode.AGGREGATION_MISMATCH,
                    "job " + job.jobId() + " was funded for "
                            + (secure ? "secure " : "plain ") + ruleName + ", the round is "
                            + (recordedSecure ? "secure " : "plain ") + recordedRule);
        }
    }

    private static Participant participant(TrainingJob job, String datasetId) {
        return job.participant(datasetId)
                .orElseThrow(() -> Refusals.refuse(
                        ErrorCode.NOT_A_PARTICIPANT, "dataset " + datasetId + " has not accepted job " + job.jobId()));
    }

    private static void requireComputeOrganisation(Caller caller, TrainingJob job) {
        caller.requireOrganisation(
                job.offer().computeMsp(), "only " + job.offer().computeMsp() + " runs job " + job.jobId());
    }

    private static void requireStatus(TrainingJob job, JobStatus wanted) {
        if (job.status().settled()) {
            throw Refusals.refuse(ErrorCode.JOB_SETTLED, "job " + job.jobId() + " is already " + job.status());
        }
        if (job.status() != wanted) {
            ErrorCode code = wanted == JobStatus.OPEN ? ErrorCode.JOB_NOT_OPEN : ErrorCode.JOB_NOT_RUNNING;
            throw Refusals.refuse(code, "job " + job.jobId() + " is " + job.status() + ", not " + wanted);
        }
    }

    private static void requireBeforeDeadline(Tx tx, TrainingJob job) {
        if (!tx.time().isBefore(job.offer().deadline())) {
            throw Refusals.refuse(
                    ErrorCode.DEADLINE_PASSED,
                    "job " + job.jobId() + " passed its deadline " + job.offer().deadline());
        }
    }
}
