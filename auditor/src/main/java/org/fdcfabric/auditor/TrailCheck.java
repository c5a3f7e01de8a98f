package org.fdcfabric.auditor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.audit.TrailBreak;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.UsageRecord;

/**
 * Verifies every trail here, not trusting any peer's verdict: sequence numbers, each entry's hash, each link, and
 * that the head the chaincode keeps is the last entry. Then checks that each record still matches the details
 * hash of its trail's latest entry, so a record edited outside a transaction shows even when its trail holds.
 * Wallet entries commit to the balance and the transfer that produced it, which state alone cannot rebuild, so
 * wallets are left to the token check.
 */
final class TrailCheck implements Check {
    private final ChainReader reader;

    TrailCheck(ChainReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.BROKEN_TRAIL);
        for (TrailView trail : view.trails()) {
            if (chainHolds(trail, findings)) {
                recordMatches(trail, view, findings);
            }
        }
        return findings.list();
    }

    private boolean chainHolds(TrailView trail, Findings findings) {
        List<AuditEntry> entries = trail.entries();
        Optional<TrailBreak> broken = AuditChain.verify(entries);
        if (broken.isPresent()) {
            long seq = broken.get().seq();
            Evidence evidence = base(trail, findings).put("seq", seq);
            if (seq < entries.size()) {
                AuditEntry at = entries.get((int) seq);
                evidence.put("action", at.action()).tx("entry", at.txId());
            }
            findings.add(
                    trail.subject(),
                    evidence,
                    "the trail breaks at entry " + seq + ": " + broken.get().reason());
            return false;
        }
        Optional<AuditEntry> last = trail.last();
        if (last.isEmpty() && trail.headHash() != null) {
            findings.add(
                    trail.subject(),
                    base(trail, findings).put("headHash", trail.headHash()),
                    "a head exists but the trail has no entries (entries were removed)");
            return false;
        }
        if (last.isPresent() && !last.get().hash().equals(trail.headHash())) {
            findings.add(
                    trail.subject(),
                    base(trail, findings)
                            .put("seq", last.get().seq())
                            .put("lastEntryHash", last.get().hash())
                            .put("headHash", trail.headHash() == null ? "(none)" : trail.headHash())
                            .tx("lastEntry", last.get().txId()),
                    "the head does not point at the last entry (the trail was cut short, extended or its head"
                            + " replaced)");
            return false;
        }
        return true;
    }

    private void recordMatches(TrailView trail, ChainView view, Findings findings) {
        String subject = trail.subject();
        if (trail.channel() == Channel.REGISTRATION) {
            Subjects.idOf(subject, Subjects.DATASET)
                    .ifPresent(id -> latest(trail, view.datasets().get(id), "the UCL", findings));
            return;
        }
        if (subject.equals(Subjects.TOKEN)) {
            latest(trail, view.token(), "the token record", findings);
        } else if (subject.startsWith(Subjects.JOB)) {
            String id = subject.substring(Subjects.JOB.length());
            latest(
                    trail,
                    view.jobs().stream()
                            .filter(j -> j.jobId().equals(id))
                            .findFirst()
                            .orElse(null),
                    "the job",
                    findings);
        } else if (subject.startsWith(Subjects.PASS)) {
            latest(trail, view.passes().get(subject.substring(Subjects.PASS.length())), "the pass", findings);
        } else if (subject.startsWith(Subjects.REQUEST)) {
            latest(trail, view.requests().get(subject.substring(Subjects.REQUEST.length())), "the request", findings);
        } else if (subject.startsWith(Subjects.DATASET)) {
            usageMatches(
                    trail,
                    view.usage().getOrDefault(subject.substring(Subjects.DATASET.length()), List.of()),
                    findings);
        }
    }

    /** The record's canonical hash must be the latest entry's details hash. */
    private void latest(TrailView trail, Object record, String what, Findings findings) {
        Optional<AuditEntry> last = trail.last();
        if (record == null) {
            if (last.isPresent()) {
                findings.add(
                        trail.subject(),
                        base(trail, findings)
                                .put("seq", last.get().seq())
                                .tx("lastEntry", last.get().txId()),
                        "the trail exists but " + what + " it records is missing from state");
            }
            return;
        }
        if (last.isEmpty()) {
            findings.add(trail.subject(), base(trail, findings), what + " exists but has no audit trail");
            return;
        }
        String actual = Hashes.sha256Hex(CanonicalJson.bytes(record));
        if (!actual.equals(last.get().detailsHash())) {
            findings.add(
                    trail.subject(),
                    base(trail, findings)
                            .put("seq", last.get().seq())
                            .put("action", last.get().action())
                            .put("recordedDetailsHash", last.get().detailsHash())
                            .put("stateHash", actual)
                            .tx("lastEntry", last.get().txId()),
                    what + " in state does not match the details hash of its latest audit entry (changed outside"
                            + " a transaction)");
        }
    }

    /** Each usage record was appended as the dataset trail's entry of the same sequence number. */
    private void usageMatches(TrailView trail, List<UsageRecord> usage, Findings findings) {
        Map<Long, AuditEntry> bySeq = new TreeMap<>();
        trail.entries().forEach(e -> bySeq.put(e.seq(), e));
        for (UsageRecord record : usage) {
            AuditEntry entry = bySeq.remove(record.seq());
            String actual = Hashes.sha256Hex(CanonicalJson.bytes(record));
            if (entry == null || !actual.equals(entry.detailsHash())) {
                findings.add(
                        trail.subject(),
                        base(trail, findings)
                                .put("seq", record.seq())
                                .put("stateHash", actual)
                                .put("recordedDetailsHash", entry == null ? "(no entry)" : entry.detailsHash())
                                .tx("usage", record.txId()),
                        "usage record " + record.seq() + " does not match its audit entry");
            }
        }
        for (AuditEntry orphan : bySeq.values()) {
            findings.add(
                    trail.subject(),
                    base(trail, findings)
                            .put("seq", orphan.seq())
                            .put("action", orphan.action())
                            .tx("entry", orphan.txId()),
                    "audit entry " + orphan.seq() + " has no usage record (the record was removed)");
        }
    }

    private static Evidence base(TrailView trail, Findings findings) {
        return findings.evidence()
                .put("channel", trail.channel().name().toLowerCase(java.util.Locale.ROOT))
                .put("entries", trail.entries().size());
    }
}
