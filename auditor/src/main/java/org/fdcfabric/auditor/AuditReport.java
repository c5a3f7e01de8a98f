package org.fdcfabric.auditor;

import java.util.Comparator;
import java.util.List;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * The result of one audit: the verdict, what was covered, each job's model lineage and every violation found, in a
 * stable order (kind, subject, message) so that the same chain gives byte-identical JSON.
 */
public record AuditReport(Verdict verdict, Coverage coverage, List<JobLineage> lineage, List<Violation> violations) {
    private static final Comparator<Violation> ORDER = Comparator.comparing(Violation::kind)
            .thenComparing(Violation::subject)
            .thenComparing(Violation::message);

    public AuditReport {
        lineage = List.copyOf(lineage);
        violations = violations.stream().sorted(ORDER).toList();
    }

    public static AuditReport of(Coverage coverage, List<JobLineage> lineage, List<Violation> violations) {
        return new AuditReport(
                violations.isEmpty() ? Verdict.CLEAN : Verdict.VIOLATIONS, coverage, lineage, violations);
    }

    public boolean clean() {
        return verdict == Verdict.CLEAN;
    }

    /** Canonical JSON (sorted keys, no whitespace), as written to report files. */
    public String toJson() {
        return CanonicalJson.write(this);
    }

    /** The report for people: verdict, coverage, lineage, then each violation with its evidence. */
    public String toText() {
        return new AuditReportText(this).render();
    }
}
