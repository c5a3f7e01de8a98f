package org.fdcfabric.auditor;

import java.util.Map;
import org.fdcfabric.protocol.job.FlaggedUpdate;

/** Renders an {@link AuditReport} as plain text for a terminal or a log. */
final class AuditReportText {
    private final AuditReport report;
    private final StringBuilder out = new StringBuilder();

    AuditReportText(AuditReport report) {
        this.report = report;
    }

    String render() {
        line("Audit verdict: " + report.verdict()
                + (report.clean() ? "" : " (" + report.violations().size() + " found)"));
        Coverage c = report.coverage();
        line("Checked " + c.trails() + " trails (" + c.trailEntries() + " entries), " + c.jobs() + " jobs ("
                + c.rounds() + " rounds), " + c.passes() + " passes, " + c.datasets() + " datasets ("
                + c.usageRecords() + " usage reports), " + c.accounts() + " token accounts, "
                + (c.blocks() == 0 ? "no blocks (the reader cannot read them)" : c.blocks() + " blocks"));
        for (JobLineage job : report.lineage()) {
            line("");
            line("Job " + job.jobId() + " [" + job.status() + "]");
            line("  final model " + (job.finalModelHash() == null ? "(none)" : job.finalModelHash()));
            for (int i = 0; i < job.roundHashes().size(); i++) {
                RoundNote note = i < job.rounds().size() ? job.rounds().get(i) : null;
                line("  round " + (i + 1) + "     " + job.roundHashes().get(i)
                        + (note == null ? "" : "  " + note.summary()));
                if (note != null) {
                    for (FlaggedUpdate f : note.flagged()) {
                        line("    info: " + f.datasetId() + " " + f.verdict()
                                + (f.norm() == null ? "" : " (norm " + f.norm().toPlainString() + ")") + ": "
                                + f.reason());
                    }
                }
            }
            for (LineageUcl ucl : job.ucls()) {
                line("  ucl " + ucl.datasetId() + " v" + ucl.version() + " of " + ucl.ownerMsp() + " root "
                        + ucl.merkleRoot());
            }
        }
        int n = 1;
        for (Violation v : report.violations()) {
            line("");
            line(n++ + ". " + v.kind() + " " + v.subject());
            line("   " + v.message());
            for (Map.Entry<String, String> e : v.evidence().entrySet()) {
                line("   " + e.getKey() + ": " + e.getValue());
            }
        }
        return out.toString();
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
