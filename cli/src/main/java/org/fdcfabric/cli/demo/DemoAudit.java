package org.fdcfabric.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.auditor.AuditChecker;
import org.fdcfabric.auditor.AuditReport;
import org.fdcfabric.auditor.Coverage;
import org.fdcfabric.auditor.ModelClaim;
import org.fdcfabric.auditor.ProvenanceClaims;
import org.fdcfabric.auditor.gateway.GatewayChainReader;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.compute.coordinator.ModelProvenance;
import org.fdcfabric.datacenter.training.ModelCodec;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.PayoutKind;
import org.fdcfabric.protocol.job.PayoutRule;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * The auditor's checks of a finished job: the auditor module's whole-chain {@code fdc audit check}, then this
 * job's own checks, all from what the chain holds (read as the auditor identity), plus the
 * model file and its provenance: every trail verifies on chain and here; every round's participants held a valid
 * pass charged by that very round; the payouts are what the recorded samples earn; every use was reported by
 * its center and none was refused; the model's lineage (UCL roots, round hashes, final hash) matches the chain;
 * and no token was created or lost.
 */
final class DemoAudit {
    private static final int PAGE = 100;

    private final FdcConnection auditor;

    DemoAudit(FdcConnection auditor) {
        this.auditor = auditor;
    }

    AuditVerdict check(String jobId, long minted, Path modelFile, Path provenanceFile) throws FdcClientException {
        TrainingJob job = auditor.jobs()
                .job(jobId)
                .orElseThrow(() -> new IllegalStateException("the auditor cannot see job " + jobId));
        List<RoundRecord> rounds = rounds(jobId);
        return new AuditVerdict(List.of(
                chain(provenanceFile),
                trails(job),
                passes(job, rounds),
                payouts(job, rounds),
                usage(job, rounds),
                lineage(job, rounds, modelFile, provenanceFile),
                tokens(job, minted)));
    }

    /**
     * {@code fdc audit check}: the auditor module's whole-chain audit (every trail, job, pass, settlement, usage
     * report and account), with the model's provenance as a lineage claim.
     */
    private AuditVerdict.Check chain(Path provenanceFile) {
        ModelClaim claim;
        try {
            claim = ProvenanceClaims.read(Files.readString(provenanceFile));
        } catch (IOException | RuntimeException e) {
            return new AuditVerdict.Check(
                    "chain", "fdc audit check", List.of("provenance unreadable: " + e.getMessage()));
        }
        AuditReport report = new AuditChecker(GatewayChainReader.over(auditor)).check(List.of(claim));
        Coverage c = report.coverage();
        return new AuditVerdict.Check(
                "chain",
                String.format(
                        Locale.ROOT,
                        "fdc audit check: %d trails (%d entries), %d jobs, %d rounds, %d passes, %d datasets, %d usage"
                                + " records, %d accounts",
                        c.trails(),
                        c.trailEntries(),
                        c.jobs(),
                        c.rounds(),
                        c.passes(),
                        c.datasets(),
                        c.usageRecords(),
                        c.accounts()),
                report.violations().stream()
                        .map(v -> v.kind() + " " + v.subject() + ": " + v.message() + " " + v.evidence())
                        .toList());
    }

    /** Every collaboration trail (all heads, paged) and each dataset's registration trail, on chain and here. */
    private AuditVerdict.Check trails(TrainingJob job) throws FdcClientException {
        List<String> violations = new ArrayList<>();
        int verified = 0;
        String bookmark = "";
        do {
            TrailHeadPage page = auditor.audit().heads(PAGE, bookmark);
            for (AuditEntry head : page.heads()) {
                TrailVerdict verdict = auditor.audit().verify(head.subject());
                if (!verdict.valid()) {
                    violations.add("trail " + head.subject() + " is broken on chain: " + verdict.firstBreak());
                } else if (!verdict.headHash().equals(head.hash())) {
                    violations.add("trail " + head.subject() + " head " + head.hash() + " differs from the verified "
                            + verdict.headHash());
                }
                localBreak(head.subject(), trail(head.subject())).ifPresent(violations::add);
                verified++;
            }
            bookmark = page.bookmark();
        } while (!bookmark.isEmpty());
        for (String datasetId : job.offer().datasetIds()) {
            String subject = "dataset:" + datasetId;
            if (!auditor.registration().verifyTrail(subject).valid()) {
                violations.add("registration trail " + subject + " is broken on chain");
            }
            verified++;
        }
        return new AuditVerdict.Check(
                "trails", verified + " trails verified (VerifyTrail and local hash chain)", violations);
    }

    private static Optional<String> localBreak(String subject, List<AuditEntry> entries) {
        return AuditChain.verify(entries).map(b -> "trail " + subject + " breaks here: " + b);
    }

    /**
     * Each round participant's pass: granted for that dataset, the job's purpose and payer, by the participant's
     * organisation; charged by that round's transaction; not revoked before it; unexpired at its time; within its
     * round budget.
     */
    private AuditVerdict.Check passes(TrainingJob job, List<RoundRecord> rounds) throws FdcClientException {
        List<String> violations = new ArrayList<>();
        Map<String, List<AuditEntry>> trails = new TreeMap<>();
        int checked = 0;
        for (RoundRecord round : rounds) {
            for (RoundParticipant p : round.participants()) {
                checked++;
                String where = "round " + round.round() + " (tx " + round.txId() + "), dataset " + p.datasetId();
                Optional<AccessPass> found = auditor.passes().pass(p.passId());
                if (found.isEmpty()) {
                    violations.add(where + ": pass " + p.passId() + " does not exist");
                    continue;
                }
                AccessPass pass = found.get();
                if (!pass.datasetId().equals(p.datasetId())
                        || !pass.purpose().equals(job.offer().purpose())
                        || !pass.holderMsp().equals(job.payerMsp())
                        || !pass.ownerMsp().equals(p.providerMsp())) {
                    violations.add(where + ": pass " + p.passId() + " was not granted for this dataset, purpose, payer"
                            + " and owner");
                }
                if (round.recordedAt().isBefore(pass.issuedAt())
                        || !round.recordedAt().isBefore(pass.expiresAt())) {
                    violations.add(where + ": pass " + p.passId() + " was not in force at " + round.recordedAt());
                }
                List<AuditEntry> trail = trails.computeIfAbsent(p.passId(), id -> trailUnchecked("pass:" + id));
                int charges = 0;
                boolean charged = false;
                for (AuditEntry entry : trail) {
                    if (entry.action().equals("pass:RevokePass")) {
                        violations.add(where + ": pass " + p.passId() + " was revoked (tx " + entry.txId()
                                + ") before the round");
                        break;
                    }
                    if (entry.action().equals("job:RecordRound")) {
                        charges++;
                    }
                    if (entry.txId().equals(round.txId())) {
                        charged = true;
                        break;
                    }
                }
                if (!charged) {
                    violations.add(where + ": pass " + p.passId() + " was not charged by the round's transaction");
                } else if (charges > pass.roundsGranted()) {
                    violations.add(where + ": pass " + p.passId() + " was used " + charges + " times, granted "
                            + pass.roundsGranted());
                }
            }
        }
        return new AuditVerdict.Check("passes", checked + " round contributions held valid passes", violations);
    }

    /** The settlement equals the payout rule applied to the recorded rounds; samples stay within commitments. */
    private AuditVerdict.Check payouts(TrainingJob job, List<RoundRecord> rounds) {
        List<String> violations = new ArrayList<>();
        if (job.settlement() == null) {
            return new AuditVerdict.Check(
                    "payouts", "job settlement", List.of("job " + job.jobId() + " is not settled"));
        }
        Map<String, Long> sampleRounds = new TreeMap<>();
        for (RoundRecord round : rounds) {
            for (RoundParticipant p : round.participants()) {
                sampleRounds.merge(p.datasetId(), p.samples(), Long::sum);
                long accepted =
                        job.participant(p.datasetId()).map(Participant::samples).orElse(0L);
                if (p.samples() > accepted) {
                    violations.add("round " + round.round() + " (tx " + round.txId() + "): " + p.datasetId()
                            + " reported " + p.samples() + " samples, accepted " + accepted);
                }
            }
        }
        List<Payout> expected = PayoutRule.completion(job, rounds);
        if (!expected.equals(job.settlement().payouts())) {
            violations.add("settlement (tx " + job.settlement().txId() + ") paid "
                    + job.settlement().payouts() + ", the recorded samples earn " + expected);
        }
        for (Payout payout : job.settlement().payouts()) {
            if (payout.kind() == PayoutKind.PROVIDER
                    && !payout.sampleRounds().equals(sampleRounds.get(payout.datasetId()))) {
                violations.add("payout to " + payout.account() + " for " + payout.datasetId() + " counts "
                        + payout.sampleRounds() + " sample-rounds, the rounds record "
                        + sampleRounds.get(payout.datasetId()));
            }
        }
        long paid =
                job.settlement().payouts().stream().mapToLong(Payout::amount).sum();
        if (paid != job.offer().escrowAmount()) {
            violations.add("settlement moved " + paid + " tokens out of an escrow of "
                    + job.offer().escrowAmount());
        }
        return new AuditVerdict.Check(
                "payouts", job.settlement().payouts().size() + " payouts match the recorded samples", violations);
    }

    /** Each contribution was reported by its center as a training use for that job and round; none was refused. */
    private AuditVerdict.Check usage(TrainingJob job, List<RoundRecord> rounds) throws FdcClientException {
        List<String> violations = new ArrayList<>();
        int reports = 0;
        for (String datasetId : job.offer().datasetIds()) {
            List<UsageRecord> usage = usage(datasetId).stream()
                    .filter(u -> job.jobId().equals(u.report().jobId()))
                    .toList();
            reports += usage.size();
            for (UsageRecord u : usage) {
                if (u.report().kind() == UsageKind.REFUSED) {
                    violations.add(datasetId + ": center refused an attempt (tx " + u.txId() + "): "
                            + u.report().detail());
                }
            }
            for (RoundRecord round : rounds) {
                boolean participated = round.participants().stream()
                        .anyMatch(p -> p.datasetId().equals(datasetId));
                boolean reported = usage.stream()
                        .anyMatch(u -> u.report().kind() == UsageKind.TRAIN
                                && Long.valueOf(round.round()).equals(u.report().round()));
                if (participated && !reported) {
                    violations.add(datasetId + ": round " + round.round() + " (tx " + round.txId()
                            + ") counts it, but its center reported no training use");
                }
            }
        }
        return new AuditVerdict.Check("usage", reports + " usage reports of the job's centers", violations);
    }

    /** The provenance names the registered UCL roots and the recorded round hashes; the model file is the last. */
    private AuditVerdict.Check lineage(TrainingJob job, List<RoundRecord> rounds, Path modelFile, Path provenanceFile)
            throws FdcClientException {
        List<String> violations = new ArrayList<>();
        ModelProvenance provenance;
        String fileHash;
        try {
            provenance = new ObjectMapper().readValue(provenanceFile.toFile(), ModelProvenance.class);
            fileHash = ModelCodec.hash(ModelCodec.fromProto(
                    org.fdcfabric.protocol.federation.Model.parseFrom(Files.readAllBytes(modelFile)),
                    provenance.schemaHash()));
        } catch (IOException | RuntimeException e) {
            return new AuditVerdict.Check(
                    "lineage", "model " + modelFile, List.of("model or provenance unreadable: " + e.getMessage()));
        }
        for (ModelProvenance.UclLineage lineage : provenance.ucls()) {
            Optional<Ucl> ucl = auditor.registration().dataset(lineage.datasetId());
            if (ucl.isEmpty()
                    || !ucl.get().merkleRoot().equals(lineage.merkleRoot())
                    || !ucl.get().ownerMsp().equals(lineage.ownerMsp())) {
                violations.add("the model names " + lineage + ", the registry holds "
                        + ucl.map(u -> u.ownerMsp() + " " + u.merkleRoot()).orElse("nothing"));
            }
        }
        List<String> learnedFrom = provenance.ucls().stream()
                .map(ModelProvenance.UclLineage::datasetId)
                .sorted()
                .toList();
        if (!learnedFrom.equals(job.offer().datasetIds().stream().sorted().toList())) {
            violations.add("the model names datasets " + learnedFrom + ", the job "
                    + job.offer().datasetIds());
        }
        List<String> recorded =
                rounds.stream().map(RoundRecord::aggregateModelHash).toList();
        if (!recorded.equals(provenance.roundHashes())) {
            violations.add("round hashes in the provenance " + provenance.roundHashes() + " differ from the chain's "
                    + recorded);
        }
        String last = recorded.isEmpty() ? "" : recorded.get(recorded.size() - 1);
        if (!provenance.finalModelHash().equals(last) || !fileHash.equals(last)) {
            violations.add("final model hash " + provenance.finalModelHash() + " (file " + fileHash
                    + ") is not the last recorded round's aggregate " + last);
        }
        return new AuditVerdict.Check(
                "lineage",
                provenance.ucls().size() + " UCL roots, " + recorded.size() + " round hashes, final hash",
                violations);
    }

    /** Wallets and escrows together hold exactly what was minted; the job's escrow is empty. */
    private AuditVerdict.Check tokens(TrainingJob job, long minted) throws FdcClientException {
        List<String> violations = new ArrayList<>();
        long sum = 0;
        String bookmark = "";
        do {
            AccountPage page = auditor.tokens().accounts(PAGE, bookmark);
            sum += page.accounts().stream().mapToLong(Balance::balance).sum();
            bookmark = page.bookmark();
        } while (!bookmark.isEmpty());
        long supply = auditor.tokens().totalSupply();
        if (sum != minted || supply != minted) {
            violations.add("accounts hold " + sum + ", the supply is " + supply + ", minted " + minted);
        }
        long escrow = auditor.tokens().balanceOf("escrow:" + job.jobId()).balance();
        if (escrow != 0) {
            violations.add("escrow of " + job.jobId() + " still holds " + escrow);
        }
        return new AuditVerdict.Check("tokens", "wallets + escrows = " + sum + " of " + minted + " minted", violations);
    }

    private List<RoundRecord> rounds(String jobId) throws FdcClientException {
        List<RoundRecord> rounds = new ArrayList<>();
        String bookmark = "";
        do {
            RoundPage page = auditor.jobs().rounds(jobId, PAGE, bookmark);
            rounds.addAll(page.rounds());
            bookmark = page.bookmark();
        } while (!bookmark.isEmpty());
        return rounds;
    }

    private List<UsageRecord> usage(String datasetId) throws FdcClientException {
        List<UsageRecord> usage = new ArrayList<>();
        String bookmark = "";
        do {
            UsagePage page = auditor.audit().usage(datasetId, PAGE, bookmark);
            usage.addAll(page.usage());
            bookmark = page.bookmark();
        } while (!bookmark.isEmpty());
        return usage;
    }

    private List<AuditEntry> trail(String subject) throws FdcClientException {
        List<AuditEntry> entries = new ArrayList<>();
        String bookmark = "";
        do {
            TrailPage page = auditor.audit().trail(subject, PAGE, bookmark);
            entries.addAll(page.entries());
            bookmark = page.bookmark();
        } while (!bookmark.isEmpty());
        return entries;
    }

    private List<AuditEntry> trailUnchecked(String subject) {
        try {
            return trail(subject);
        } catch (FdcClientException e) {
            throw new IllegalStateException("cannot read trail " + subject + ": " + e.getMessage(), e);
        }
    }
}
