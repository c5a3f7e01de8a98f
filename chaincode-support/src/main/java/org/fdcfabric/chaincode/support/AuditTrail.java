package org.fdcfabric.chaincode.support;

import java.util.Optional;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.TrailVerdict;

/**
 * Per-subject audit hash chains, the same on both channels: {@code audit~{subject}~{seq}} holds each entry and
 * {@code audithead~{subject}} the latest, which the next entry links to. The details hash is SHA-256 of the
 * canonical JSON of the record the transaction wrote for that subject, so anyone holding the record (from the event
 * or the key's history) can check it against the trail. Appending twice to one subject in one transaction links
 * the second entry to the first ({@link Tx}'s reads see its own writes).
 */
public final class AuditTrail {
    private final Tx tx;

    public AuditTrail(Tx tx) {
        this.tx = tx;
    }

    /** Appends an entry by the transaction's caller, at the transaction's time. */
    public AuditEntry append(String subject, String action, Object details) {
        AuditEntry previous = head(subject).orElse(null);
        AuditEntry entry = AuditChain.next(
                previous,
                subject,
                action,
                tx.caller().msp(),
                tx.caller().id(),
                tx.txId(),
                tx.time(),
                Hashes.sha256Hex(CanonicalJson.bytes(details)));
        tx.write(tx.key(Keys.AUDIT, subject, Keys.sequence(entry.seq())), entry);
        tx.write(tx.key(Keys.AUDIT_HEAD, subject), entry);
        return entry;
    }

    public Optional<AuditEntry> head(String subject) {
        return tx.read(tx.key(Keys.AUDIT_HEAD, subject), AuditEntry.class);
    }

    /** A page of a subject's entries in sequence order; bookmarks are sequence numbers. */
    public Page<AuditEntry> page(String subject, PageRequest request) {
        return tx.page(AuditEntry.class, request, Keys.AUDIT, subject);
    }

    /** A page of every subject's latest entry in subject order; bookmarks are subjects. */
    public Page<AuditEntry> heads(PageRequest request) {
        return tx.page(AuditEntry.class, request, Keys.AUDIT_HEAD);
    }

    /**
     * Verifies the whole chain from its first entry, and that the head names its last entry, so that a trail cut
     * short at the end is caught as well as one altered in the middle. An unknown subject is an empty, intact trail.
     */
    public TrailVerdict verify(String subject) {
        return TrailVerdict.of(subject, tx.readAll(AuditEntry.class, Keys.AUDIT, subject), head(subject));
    }
}
