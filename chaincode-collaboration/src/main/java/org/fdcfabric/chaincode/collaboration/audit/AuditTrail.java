package org.fdcfabric.chaincode.collaboration.audit;

import java.util.Optional;
import org.fdcfabric.chaincode.collaboration.Keys;
import org.fdcfabric.chaincode.collaboration.Tx;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * Appends entries to subjects' hash chains: {@code audit~{subject}~{seq}} holds each entry and
 * {@code audithead~{subject}} the latest, which the next entry links to. The details hash is SHA-256 of the
 * canonical JSON of the record the transaction wrote for that subject, so an auditor holding the record (from the
 * event or the key's history) can check it.
 */
public final class AuditTrail {
    private final Tx tx;

    public AuditTrail(Tx tx) {
        this.tx = tx;
    }

    public AuditEntry append(String subject, String action, Object details) {
        String headKey = tx.key(Keys.AUDIT_HEAD, subject);
        AuditEntry previous = tx.read(headKey, AuditEntry.class).orElse(null);
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
        tx.write(headKey, entry);
        return entry;
    }

    public Optional<AuditEntry> head(String subject) {
        return tx.read(tx.key(Keys.AUDIT_HEAD, subject), AuditEntry.class);
    }
}
