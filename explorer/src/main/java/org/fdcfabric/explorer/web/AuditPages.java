package org.fdcfabric.explorer.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fdcfabric.auditor.AuditChecker;
import org.fdcfabric.auditor.AuditReport;
import org.fdcfabric.auditor.Channel;
import org.fdcfabric.auditor.Violation;
import org.fdcfabric.explorer.chain.ChainSource;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * The Audit view: every collaboration trail verified here from its entries (never trusting a peer's verdict),
 * {@code fdc audit check}'s findings with their evidence, and usage per dataset; and one trail's entries.
 */
final class AuditPages {
    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");

    private final ChainSource chain;

    AuditPages(ChainSource chain) {
        this.chain = chain;
    }

    /** One trail and what its verification found. */
    record TrailRow(String subject, long entries, boolean valid, String problem, String headHash) {}

    /** One piece of a finding's evidence; {@code link} is where it can be looked up, or null. */
    record EvidenceItem(String key, String value, String link) {}

    /** One {@code audit check} finding, its subject's page and its evidence. */
    record FindingRow(String kind, String subject, String subjectLink, String message, List<EvidenceItem> evidence) {}

    /** Usage of one dataset. */
    record DatasetUsage(String datasetId, List<UsageRecord> usage) {}

    View audit() {
        List<TrailRow> trails = new ArrayList<>();
        for (AuditEntry head : chain.records().trailHeads()) {
            trails.add(row(verify(head.subject(), Optional.of(head))));
        }
        AuditReport report = new AuditChecker(chain.records()).check();
        List<DatasetUsage> usage = new ArrayList<>();
        for (Ucl ucl : chain.records().datasets()) {
            usage.add(new DatasetUsage(ucl.id(), chain.records().usage(ucl.id())));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("section", "audit");
        model.put("trails", trails);
        model.put("report", report);
        model.put("findings", findings(report));
        model.put("usage", usage);
        return View.ok("audit", model);
    }

    View trail(String subject) {
        List<AuditEntry> entries = chain.records().trail(Channel.COLLABORATION, subject);
        if (entries.isEmpty()) {
            return View.notFound("audit trail " + subject);
        }
        Optional<AuditEntry> head = chain.records().trailHeads().stream()
                .filter(entry -> entry.subject().equals(subject))
                .findFirst();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("section", "audit");
        model.put("subject", subject);
        model.put("entries", entries);
        model.put("verdict", row(TrailVerdict.of(subject, entries, head)));
        return View.ok("trail", model);
    }

    private static List<FindingRow> findings(AuditReport report) {
        List<FindingRow> rows = new ArrayList<>();
        for (Violation violation : report.violations()) {
            List<EvidenceItem> evidence = new ArrayList<>();
            violation.evidence().forEach((key, value) -> evidence.add(new EvidenceItem(key, value, link(value))));
            rows.add(new FindingRow(
                    violation.kind().name(),
                    violation.subject(),
                    search(violation.subject()),
                    violation.message(),
                    evidence));
        }
        return rows;
    }

    /** Transaction ids (64 hex digits) link to their transaction; other values are shown as they are. */
    private static String link(String value) {
        return TX_ID.matcher(value).matches() ? "/tx/" + value : null;
    }

    private static String search(String query) {
        return "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private TrailVerdict verify(String subject, Optional<AuditEntry> head) {
        return TrailVerdict.of(subject, chain.records().trail(Channel.COLLABORATION, subject), head);
    }

    private static TrailRow row(TrailVerdict verdict) {
        return new TrailRow(
                verdict.subject(),
                verdict.entries(),
                verdict.valid(),
                verdict.firstBreak() == null
                        ? ""
                        : "entry " + verdict.firstBreak().seq() + ": "
                                + verdict.firstBreak().reason(),
                verdict.headHash());
    }
}
