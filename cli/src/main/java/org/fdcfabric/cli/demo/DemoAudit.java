package org.fdcfabric.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.auditor.AuditChecker;
import org.fdcfabric.auditor.AuditReport;
import org.fdcfabric.auditor.Coverage;
import org.fdcfabric.auditor.ModelClaim;
import org.fdcfabric.auditor.ProvenanceClaims;
import org.fdcfabric.auditor.ViolationKind;
import org.fdcfabric.auditor.gateway.GatewayChainReader;
import org.fdcfabric.cli.Words;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;

/**
 * The demo's audit verdict: the auditor module's whole-chain {@code fdc audit check} ({@link AuditChecker} over the
 * gateway, read as the auditor identity), with the saved model as a lineage claim whose final hash is the model
 * file's own, presented as one check per kind of violation. The one thing the chain-wide audit cannot know is
 * added for this job: every contribution a round counts was reported by its center as a training use.
 */
final class DemoAudit {
    private static final int PAGE = 100;
    /** The report's checks, in order, and the kind of violation each shows. */
    private static final Map<String, ViolationKind> CHECKS = checks();

    private final FdcConnection auditor;

    DemoAudit(FdcConnection auditor) {
        this.auditor = auditor;
    }

    private static Map<String, ViolationKind> checks() {
        Map<String, ViolationKind> checks = new LinkedHashMap<>();
        checks.put("trails", ViolationKind.BROKEN_TRAIL);
        checks.put("passes", ViolationKind.NO_VALID_PASS);
        checks.put("payouts", ViolationKind.PAYOUT_MISMATCH);
        checks.put("usage", ViolationKind.REFUSED_ACCESS);
        checks.put("lineage", ViolationKind.INCOMPLETE_LINEAGE);
        checks.put("tokens", ViolationKind.TOKEN_IMBALANCE);
        return checks;
    }

    AuditVerdict check(String jobId, Path modelFile, Path provenanceFile) throws FdcClientException {
        List<String> claimProblems = new ArrayList<>();
        List<ModelClaim> claims = new ArrayList<>();
        try {
            claims.add(claim(modelFile, provenanceFile, claimProblems));
        } catch (IOException | RuntimeException e) {
            claimProblems.add("model or provenance unreadable: " + e.getMessage());
        }
        AuditReport report = new AuditChecker(GatewayChainReader.over(auditor)).check(claims);
        List<AuditVerdict.Check> checks = new ArrayList<>();
        for (Map.Entry<String, ViolationKind> check : CHECKS.entrySet()) {
            List<String> violations = new ArrayList<>(report.violations().stream()
                    .filter(v -> v.kind() == check.getValue())
                    .map(v -> v.subject() + ": " + v.message() + " " + v.evidence())
                    .toList());
            switch (check.getKey()) {
                case "usage" -> violations.addAll(unreportedUse(jobId));
                case "lineage" -> violations.addAll(claimProblems);
                default -> {}
            }
            checks.add(new AuditVerdict.Check(check.getKey(), covered(check.getKey(), report.coverage()), violations));
        }
        return new AuditVerdict(checks);
    }

    /** The provenance's lineage claim, with the final hash the model file itself hashes to. */
    private static ModelClaim claim(Path modelFile, Path provenanceFile, List<String> problems) throws IOException {
        String json = Files.readString(provenanceFile);
        ModelProvenance provenance = ModelProvenance.read(json);
        ModelClaim stated = ProvenanceClaims.claim(provenance);
        String fileHash = ModelCodec.hash(
                ModelCodec.fromProto(Model.parseFrom(Files.readAllBytes(modelFile)), provenance.schemaHash()));
        if (!fileHash.equals(stated.finalModelHash())) {
            problems.add("the provenance names final model " + stated.finalModelHash() + ", the model file "
                    + modelFile.getFileName() + " hashes to " + fileHash);
        }
        return new ModelClaim(stated.jobId(), fileHash, stated.roundHashes(), stated.ucls());
    }

    private static String covered(String check, Coverage c) {
        return switch (check) {
            case "trails" ->
                Words.count(c.trails(), "trail") + " (" + Words.count(c.trailEntries(), "entry", "entries")
                        + ") verified";
            case "passes" ->
                Words.count(c.rounds(), "round's", "rounds'") + " participants against "
                        + Words.count(c.passes(), "pass", "passes");
            case "payouts" -> Words.count(c.jobs(), "job's settlement", "jobs' settlements") + " recomputed";
            case "usage" ->
                Words.count(c.usageRecords(), "usage report") + "; every contribution reported by its center";
            case "lineage" ->
                Words.count(c.jobs(), "job") + ", " + Words.count(c.datasets(), "dataset")
                        + ", the model file's hash and provenance";
            case "tokens" ->
                Words.count(c.accounts(), "account") + (c.accounts() == 1 ? " sums" : " sum") + " to the total supply";
            default -> throw new IllegalArgumentException(check);
        };
    }

    /** Each contribution the job's rounds count, without its center's own {@code TRAIN} report for that round. */
    private List<String> unreportedUse(String jobId) throws FdcClientException {
        TrainingJob job = auditor.jobs()
                .job(jobId)
                .orElseThrow(() -> new IllegalStateException("the auditor cannot see job " + jobId));
        List<RoundRecord> rounds = new ArrayList<>();
        String bookmark = "";
        do {
            RoundPage page = auditor.jobs().rounds(jobId, PAGE, bookmark);
            rounds.addAll(page.rounds());
            bookmark = page.bookmark();
        } while (!bookmark.isEmpty());
        List<String> violations = new ArrayList<>();
        for (String datasetId : job.offer().datasetIds()) {
            List<UsageRecord> usage = new ArrayList<>();
            bookmark = "";
            do {
                UsagePage page = auditor.audit().usage(datasetId, PAGE, bookmark);
                page.usage().stream()
                        .filter(u -> jobId.equals(u.report().jobId()))
                        .forEach(usage::add);
                bookmark = page.bookmark();
            } while (!bookmark.isEmpty());
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
        return violations;
    }
}
