package org.fdcfabric.auditor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.PayoutRule;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.Settlement;
import org.fdcfabric.protocol.job.TrainingJob;

/**
 * Recomputes every settled job's payouts with the protocol's {@link PayoutRule} from the recorded rounds (or the
 * full refund of a cancellation) and compares them, line by line, with the settlement the chain recorded. A job
 * whose rounds are incomplete cannot be recomputed; the lineage check reports it.
 */
final class PayoutCheck implements Check {
    private final ChainReader reader;

    PayoutCheck(ChainReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.PAYOUT_MISMATCH);
        for (TrainingJob job : view.jobs()) {
            check(job, view.roundsOf(job.jobId()), findings);
        }
        return findings.list();
    }

    private static void check(TrainingJob job, List<RoundRecord> rounds, Findings findings) {
        String subject = Subjects.job(job.jobId());
        Settlement settlement = job.settlement();
        if (!job.status().settled()) {
            if (settlement != null) {
                findings.add(
                        subject,
                        findings.evidence().put("status", job.status()).tx("settlement", settlement.txId()),
                        "job " + job.jobId() + " is " + job.status() + " yet carries a settlement");
            }
            return;
        }
        if (settlement == null) {
            findings.add(
                    subject,
                    findings.evidence().put("status", job.status()),
                    "job " + job.jobId() + " is " + job.status() + " but has no settlement");
            return;
        }
        List<Payout> expected;
        if (job.status() == JobStatus.CANCELLED) {
            expected = PayoutRule.cancellation(job);
        } else if (job.status() == JobStatus.FAILED) {
            expected = PayoutRule.failure(job);
        } else if (Rounds.complete(job, rounds)) {
            expected = PayoutRule.completion(job, rounds);
        } else {
            return;
        }
        Evidence evidence = findings.evidence()
                .put("jobId", job.jobId())
                .put("status", job.status())
                .tx("settlement", settlement.txId());
        StringBuilder differences = new StringBuilder();
        if (settlement.outcome() != job.status()) {
            evidence.put("settlementOutcome", settlement.outcome());
            differences.append("; the settlement says ").append(settlement.outcome());
        }
        long escrow = job.offer().escrowAmount();
        if (settlement.escrowed() != escrow) {
            evidence.put("escrowed.expected", escrow).put("escrowed.recorded", settlement.escrowed());
            differences
                    .append("; escrowed ")
                    .append(settlement.escrowed())
                    .append(" instead of ")
                    .append(escrow);
        }
        Map<String, Payout> want = byLine(expected);
        Map<String, Payout> got = byLine(settlement.payouts());
        Set<String> lines = new TreeSet<>(want.keySet());
        lines.addAll(got.keySet());
        for (String line : lines) {
            Payout w = want.get(line);
            Payout g = got.get(line);
            if (w != null
                    && g != null
                    && w.amount() == g.amount()
                    && Objects.equals(w.sampleRounds(), g.sampleRounds())) {
                continue;
            }
            evidence.put(line + ".expected", w == null ? 0 : w.amount());
            evidence.put(line + ".recorded", g == null ? 0 : g.amount());
            if (w != null && w.sampleRounds() != null) {
                evidence.put(line + ".sampleRounds", w.sampleRounds());
            }
            differences
                    .append("; ")
                    .append(line)
                    .append(" paid ")
                    .append(g == null ? 0 : g.amount())
                    .append(" instead of ")
                    .append(w == null ? 0 : w.amount());
        }
        if (differences.isEmpty() && !expected.equals(settlement.payouts())) {
            differences.append("; the payouts are listed differently from the rule's order");
        }
        if (!differences.isEmpty()) {
            findings.add(
                    subject,
                    evidence,
                    "the settlement of job " + job.jobId() + " does not match the payouts recomputed from its "
                            + rounds.size() + " recorded rounds" + differences);
        }
    }

    /** Payout lines keyed {@code KIND:account[:dataset]}; a line appears at most once in a valid settlement. */
    private static Map<String, Payout> byLine(List<Payout> payouts) {
        Map<String, Payout> lines = new TreeMap<>();
        for (Payout p : payouts) {
            String key = p.kind() + ":" + p.account() + (p.datasetId() == null ? "" : ":" + p.datasetId());
            lines.merge(
                    key,
                    p,
                    (a, b) -> new Payout(
                            a.account(),
                            Math.addExact(a.amount(), b.amount()),
                            a.kind(),
                            a.datasetId(),
                            a.sampleRounds()));
        }
        return lines;
    }
}
