package org.fdcfabric.auditor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.SecureRoundSummary;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * Rebuilds each job's model lineage from the chain (rounds 1..n each with its aggregate hash and each backed by a
 * {@code job:RecordRound} entry of the job's trail, contributions from accepted participants, the UCLs of the
 * contributing datasets as registered when their owners accepted) and checks the model claims given against it.
 */
final class LineageCheck implements Check {
    private static final String RECORD_ROUND = "job:RecordRound";

    private final ChainReader reader;
    private final Map<String, ModelClaim> claims;
    private final List<JobLineage> lineage = new ArrayList<>();

    LineageCheck(ChainReader reader, List<ModelClaim> claims) {
        this.reader = reader;
        this.claims = new TreeMap<>();
        claims.forEach(c -> this.claims.put(c.jobId(), c));
    }

    /** The lineage of every job, as rebuilt by the last {@link #run}. */
    List<JobLineage> lineage() {
        return List.copyOf(lineage);
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.INCOMPLETE_LINEAGE);
        lineage.clear();
        Set<String> jobIds = new TreeSet<>();
        for (TrainingJob job : view.jobs()) {
            jobIds.add(job.jobId());
            lineage.add(check(job, view, findings));
        }
        for (ModelClaim claim : claims.values()) {
            if (!jobIds.contains(claim.jobId())) {
                findings.add(
                        Subjects.job(claim.jobId()),
                        findings.evidence().put("claimedModelHash", claim.finalModelHash()),
                        "a model claims job " + claim.jobId() + ", which the chain does not have");
            }
        }
        return findings.list();
    }

    private JobLineage check(TrainingJob job, ChainView view, Findings findings) {
        String subject = Subjects.job(job.jobId());
        List<RoundRecord> rounds = view.roundsOf(job.jobId());
        roundsComplete(job, rounds, findings);
        if (job.status() == JobStatus.COMPLETED && job.roundsRecorded() == 0) {
            findings.add(subject, findings.evidence().put("jobId", job.jobId()), "job completed without any round");
        }
        Map<String, AuditEntry> recordings = recordings(view, job);
        List<String> roundHashes = new ArrayList<>();
        Map<String, Participant> contributors = new TreeMap<>();
        List<RoundNote> notes = new ArrayList<>();
        for (RoundRecord round : rounds) {
            notes.add(note(round));
            Evidence at = findings.evidence()
                    .put("jobId", job.jobId())
                    .put("round", round.round())
                    .tx("round", round.txId());
            String hash = round.aggregateModelHash();
            if (hash == null || !InputChecks.SHA256_HEX.matcher(hash).matches()) {
                findings.add(
                        subject,
                        at.put("aggregateModelHash", hash == null ? "(none)" : hash),
                        "round " + round.round() + " has no valid aggregate model hash");
            }
            roundHashes.add(hash);
            AuditEntry recorded = recordings.get(round.txId());
            if (recorded == null || !recorded.txTime().equals(round.recordedAt())) {
                findings.add(
                        subject,
                        at.put("roundTime", round.recordedAt()),
                        "round " + round.round() + " is not backed by a " + RECORD_ROUND + " entry of the job's"
                                + " trail with the same transaction and time");
            }
            for (RoundParticipant p : round.participants()) {
                Optional<Participant> accepted = job.participant(p.datasetId());
                if (accepted.isEmpty()
                        || !accepted.get().passId().equals(p.passId())
                        || !accepted.get().providerMsp().equals(p.providerMsp())) {
                    findings.add(
                            subject,
                            findings.evidence()
                                    .put("jobId", job.jobId())
                                    .put("round", round.round())
                                    .put("datasetId", p.datasetId())
                                    .put("passId", p.passId())
                                    .tx("round", round.txId()),
                            "round " + round.round() + " has a contribution of " + p.datasetId()
                                    + " that does not match an accepted participant of the job");
                } else {
                    contributors.put(p.datasetId(), accepted.get());
                }
            }
        }
        List<LineageUcl> ucls = ucls(job, contributors, view, findings);
        String finalHash = roundHashes.isEmpty() ? null : roundHashes.get(roundHashes.size() - 1);
        JobLineage result = new JobLineage(job.jobId(), job.status(), roundHashes, finalHash, ucls, notes);
        ModelClaim claim = claims.get(job.jobId());
        if (claim != null) {
            claimHolds(claim, result, view, findings);
        }
        return result;
    }

    /** How the round was aggregated; rounds recorded without an aggregation record were plain FedAvg. */
    private static RoundNote note(RoundRecord round) {
        RoundAggregation a = round.aggregation() == null ? RoundAggregation.plainFedAvg() : round.aggregation();
        StringBuilder line = new StringBuilder(a.mode()).append(' ').append(a.aggregator());
        a.parameters().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        SecureRoundSummary secure = a.secure();
        if (secure != null) {
            line.append(" t=").append(secure.threshold()).append(": ");
            if (a.failed()) {
                line.append("FAILED (").append(secure.failure()).append("), model kept");
            } else {
                line.append(secure.survivors() == null ? 0 : secure.survivors().size())
                        .append(" survived");
            }
            if (secure.dropped() != null && !secure.dropped().isEmpty()) {
                line.append(", dropped ").append(secure.dropped());
            }
        }
        if (!a.flagged().isEmpty()) {
            line.append(", ").append(a.flagged().size()).append(" flagged");
        }
        return new RoundNote(round.round(), a.mode(), a.aggregator(), a.status(), line.toString(), secure, a.flagged());
    }

    private static void roundsComplete(TrainingJob job, List<RoundRecord> rounds, Findings findings) {
        Set<Long> present = new TreeSet<>();
        List<Long> foreign = new ArrayList<>();
        for (RoundRecord round : rounds) {
            if (!job.jobId().equals(round.jobId())
                    || round.round() < 1
                    || round.round() > job.roundsRecorded()
                    || !present.add(round.round())) {
                foreign.add(round.round());
            }
        }
        List<Long> missing = new ArrayList<>();
        for (long r = 1; r <= job.roundsRecorded(); r++) {
            if (!present.contains(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            findings.add(
                    Subjects.job(job.jobId()),
                    findings.evidence()
                            .put("jobId", job.jobId())
                            .put("roundsRecorded", job.roundsRecorded())
                            .put("missingRounds", missing),
                    "round record(s) " + missing + " of job " + job.jobId() + " are missing; payouts cannot be"
                            + " recomputed");
        }
        if (!foreign.isEmpty()) {
            findings.add(
                    Subjects.job(job.jobId()),
                    findings.evidence()
                            .put("jobId", job.jobId())
                            .put("roundsRecorded", job.roundsRecorded())
                            .put("unexpectedRounds", foreign),
                    "round record(s) " + foreign + " do not belong to the " + job.roundsRecorded()
                            + " rounds the job counts");
        }
    }

    /** The job trail's {@code job:RecordRound} entries by tx id. */
    private static Map<String, AuditEntry> recordings(ChainView view, TrainingJob job) {
        Map<String, AuditEntry> byTx = new TreeMap<>();
        view.trail(Channel.COLLABORATION, Subjects.job(job.jobId())).ifPresent(trail -> trail.entries().stream()
                .filter(e -> RECORD_ROUND.equals(e.action()))
                .forEach(e -> byTx.put(e.txId(), e)));
        return byTx;
    }

    private static List<LineageUcl> ucls(
            TrainingJob job, Map<String, Participant> contributors, ChainView view, Findings findings) {
        List<LineageUcl> ucls = new ArrayList<>();
        for (Participant p : contributors.values()) {
            Evidence evidence = findings.evidence()
                    .put("jobId", job.jobId())
                    .put("datasetId", p.datasetId())
                    .put("providerMsp", p.providerMsp())
                    .tx("accept", p.txId());
            Ucl current = view.datasets().get(p.datasetId());
            if (current == null) {
                findings.add(
                        Subjects.job(job.jobId()),
                        evidence,
                        "dataset " + p.datasetId() + " trained the model but is not registered on the registration"
                                + " channel");
                continue;
            }
            if (!job.offer().datasetIds().contains(p.datasetId())
                    || !current.ownerMsp().equals(p.providerMsp())) {
                findings.add(
                        Subjects.job(job.jobId()),
                        evidence.put("uclOwnerMsp", current.ownerMsp()),
                        "dataset " + p.datasetId() + " is not one of the job's datasets or not owned by its provider");
                continue;
            }
            Ucl inForce = null;
            for (Ucl version : view.versions().getOrDefault(p.datasetId(), List.of())) {
                if (!version.createdAt().isAfter(p.acceptedAt())) {
                    inForce = version;
                }
            }
            if (inForce == null) {
                findings.add(
                        Subjects.job(job.jobId()),
                        evidence.put("acceptedAt", p.acceptedAt()),
                        "no version of dataset " + p.datasetId() + " was registered when its provider accepted");
                continue;
            }
            ucls.add(new LineageUcl(p.datasetId(), inForce.ownerMsp(), inForce.version(), inForce.merkleRoot()));
        }
        return ucls;
    }

    private static void claimHolds(ModelClaim claim, JobLineage chain, ChainView view, Findings findings) {
        String subject = Subjects.job(claim.jobId());
        if (!claim.finalModelHash().equals(chain.finalModelHash())) {
            findings.add(
                    subject,
                    findings.evidence()
                            .put("jobId", claim.jobId())
                            .put("claimedModelHash", claim.finalModelHash())
                            .put(
                                    "lastRoundHash",
                                    chain.finalModelHash() == null ? "(no rounds)" : chain.finalModelHash()),
                    "the model's hash is not the aggregate hash of the job's last recorded round");
        }
        if (!claim.roundHashes().isEmpty() && !claim.roundHashes().equals(chain.roundHashes())) {
            findings.add(
                    subject,
                    findings.evidence()
                            .put("jobId", claim.jobId())
                            .put("claimedRoundHashes", claim.roundHashes())
                            .put("recordedRoundHashes", chain.roundHashes()),
                    "the model's round hashes differ from the rounds recorded on chain");
        }
        Set<String> claimed = new TreeSet<>();
        for (ModelClaim.ClaimedUcl ucl : claim.ucls()) {
            claimed.add(ucl.datasetId());
            boolean registered = view.versions().getOrDefault(ucl.datasetId(), List.of()).stream()
                    .anyMatch(v -> v.merkleRoot().equals(ucl.merkleRoot())
                            && v.ownerMsp().equals(ucl.ownerMsp()));
            if (!registered) {
                findings.add(
                        subject,
                        findings.evidence()
                                .put("jobId", claim.jobId())
                                .put("datasetId", ucl.datasetId())
                                .put("claimedOwnerMsp", ucl.ownerMsp())
                                .put("claimedMerkleRoot", ucl.merkleRoot()),
                        "the model names UCL " + ucl.datasetId() + " with an owner and Merkle root no registered"
                                + " version has");
            }
        }
        Set<String> contributed = new TreeSet<>();
        chain.ucls().forEach(u -> contributed.add(u.datasetId()));
        if (!claim.ucls().isEmpty() && !claimed.equals(contributed)) {
            findings.add(
                    subject,
                    findings.evidence()
                            .put("jobId", claim.jobId())
                            .put("claimedDatasets", claimed)
                            .put("contributingDatasets", contributed),
                    "the model's UCLs are not the datasets that contributed to its rounds");
        }
    }
}
