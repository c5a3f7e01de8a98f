package org.fdcfabric.auditor;

import java.util.List;
import java.util.Map;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.trail.UsageReport;

/** Every refusal a data center reported ({@code audit:RecordUsage} of kind {@code REFUSED}) is a finding. */
final class UsageCheck implements Check {
    private final ChainReader reader;

    UsageCheck(ChainReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.REFUSED_ACCESS);
        for (Map.Entry<String, List<UsageRecord>> dataset : view.usage().entrySet()) {
            for (UsageRecord record : dataset.getValue()) {
                UsageReport report = record.report();
                if (report.kind() != UsageKind.REFUSED) {
                    continue;
                }
                Evidence evidence = findings.evidence()
                        .put("datasetId", report.datasetId())
                        .put("seq", record.seq())
                        .put("reporterMsp", record.reporterMsp())
                        .put("recordedAt", record.recordedAt())
                        .put("counterpartMsp", report.counterpartMsp())
                        .put("jobId", report.jobId())
                        .put("passId", report.passId())
                        .put("round", report.round())
                        .put("detail", report.detail())
                        .put("evidenceHash", report.evidenceHash())
                        .tx("report", record.txId());
                findings.add(
                        Subjects.dataset(report.datasetId()),
                        evidence,
                        record.reporterMsp() + " refused "
                                + (report.counterpartMsp() == null ? "an attempt" : report.counterpartMsp())
                                + " to use dataset " + report.datasetId()
                                + (report.detail() == null ? "" : ": " + report.detail()));
            }
        }
        return findings.list();
    }
}
