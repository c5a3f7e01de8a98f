package org.fdcfabric.auditor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassStatus;
import org.fdcfabric.protocol.pass.PassVerdict;

/**
 * Judges, for every participant of every recorded round, the pass it used as of that round's transaction time:
 * it must exist, not have been revoked by then, not have expired, still have rounds left (its uses across all
 * jobs are counted in time order), and be scoped to the dataset, the job's purpose, the job's payer and the
 * dataset's owner. A revocation at the very instant of the round counts against the round.
 */
final class PassCheck implements Check {
    static final String HOLDER_MISMATCH = "HOLDER_MISMATCH";
    static final String OWNER_MISMATCH = "OWNER_MISMATCH";

    private final ChainReader reader;

    PassCheck(ChainReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.NO_VALID_PASS);
        Map<String, Integer> useNumbers = useNumbers(view);
        for (TrainingJob job : view.jobs()) {
            for (RoundRecord round : view.roundsOf(job.jobId())) {
                for (RoundParticipant p : round.participants()) {
                    AccessPass pass = view.passes().get(p.passId());
                    int use = useNumbers.getOrDefault(useKey(p.passId(), job.jobId(), round.round()), 0);
                    Evidence evidence = findings.evidence()
                            .put("jobId", job.jobId())
                            .put("round", round.round())
                            .put("datasetId", p.datasetId())
                            .put("passId", p.passId())
                            .put("roundTime", round.recordedAt())
                            .tx("round", round.txId());
                    String reason = reason(pass, p, job, round.recordedAt(), use, evidence);
                    if (reason != null) {
                        evidence.put("reason", reason);
                        findings.add(
                                Subjects.job(job.jobId()),
                                evidence,
                                "round " + round.round() + " used dataset " + p.datasetId() + " under pass "
                                        + p.passId() + ", which was not valid then: " + reason);
                    }
                }
            }
        }
        return findings.list();
    }

    private static String reason(
            AccessPass pass, RoundParticipant p, TrainingJob job, Instant at, int use, Evidence evidence) {
        if (pass == null) {
            return PassVerdict.PASS_NOT_FOUND;
        }
        if (pass.status() == PassStatus.REVOKED
                && (pass.revokedAt() == null || !pass.revokedAt().isAfter(at))) {
            evidence.put("revokedAt", pass.revokedAt() == null ? "(unknown)" : pass.revokedAt());
            return PassVerdict.PASS_REVOKED;
        }
        if (!at.isBefore(pass.expiresAt())) {
            evidence.put("expiresAt", pass.expiresAt());
            return PassVerdict.PASS_EXPIRED;
        }
        if (use > pass.roundsGranted()) {
            evidence.put("use", use).put("roundsGranted", pass.roundsGranted());
            return PassVerdict.ROUNDS_EXHAUSTED;
        }
        if (!pass.datasetId().equals(p.datasetId())) {
            evidence.put("passDatasetId", pass.datasetId());
            return PassVerdict.DATASET_MISMATCH;
        }
        if (!pass.purpose().equals(job.offer().purpose())) {
            evidence.put("passPurpose", pass.purpose())
                    .put("jobPurpose", job.offer().purpose());
            return PassVerdict.PURPOSE_MISMATCH;
        }
        if (!pass.holderMsp().equals(job.payerMsp())) {
            evidence.put("holderMsp", pass.holderMsp()).put("payerMsp", job.payerMsp());
            return HOLDER_MISMATCH;
        }
        if (!pass.ownerMsp().equals(p.providerMsp())) {
            evidence.put("passOwnerMsp", pass.ownerMsp()).put("providerMsp", p.providerMsp());
            return OWNER_MISMATCH;
        }
        return null;
    }

    /** For each (pass, job, round): which use of the pass it was, counting every job's rounds in time order. */
    private static Map<String, Integer> useNumbers(ChainView view) {
        List<Use> uses = new ArrayList<>();
        for (TrainingJob job : view.jobs()) {
            for (RoundRecord round : view.roundsOf(job.jobId())) {
                for (RoundParticipant p : round.participants()) {
                    uses.add(new Use(p.passId(), job.jobId(), round.round(), round.recordedAt()));
                }
            }
        }
        uses.sort(Comparator.comparing(Use::passId)
                .thenComparing(Use::at)
                .thenComparing(Use::jobId)
                .thenComparingLong(Use::round));
        Map<String, Integer> numbers = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Use use : uses) {
            int n = counts.merge(use.passId(), 1, Integer::sum);
            numbers.put(useKey(use.passId(), use.jobId(), use.round()), n);
        }
        return numbers;
    }

    private static String useKey(String passId, String jobId, long round) {
        return passId + "\u0000" + jobId + "\u0000" + round;
    }

    private record Use(String passId, String jobId, long round, Instant at) {}
}
