package org.fdcfabric.protocol.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.json.CanonicalJson;

/** Appends to and verifies per-subject audit hash chains. */
public final class AuditChain {
    /** The previous hash of a subject's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The entry that follows {@code previous} (null for a subject's first entry). */
    public static AuditEntry next(
            AuditEntry previous,
            String subject,
            String action,
            String actorMsp,
            String actorId,
            String txId,
            Instant txTime,
            String detailsHash) {
        if (previous != null && !previous.subject().equals(subject)) {
            throw new IllegalArgumentException("entry of " + previous.subject() + " cannot precede one of " + subject);
        }
        long seq = previous == null ? 0 : previous.seq() + 1;
        String previousHash = previous == null ? GENESIS : previous.hash();
        AuditEntry unsealed =
                new AuditEntry(subject, seq, action, actorMsp, actorId, txId, txTime, detailsHash, previousHash, null);
        return withHash(unsealed, hashOf(unsealed));
    }

    /** SHA-256 of the canonical entry without its own hash. */
    public static String hashOf(AuditEntry entry) {
        return Hashes.sha256Hex(CanonicalJson.bytes(withHash(entry, null)));
    }

    /**
     * Checks a trail from its first entry: sequence numbers 0, 1, 2..., each entry's hash, and each link. Returns
     * the first break, or empty when the whole trail holds.
     */
    public static Optional<TrailBreak> verify(List<AuditEntry> trail) {
        String expectedPrevious = GENESIS;
        for (int i = 0; i < trail.size(); i++) {
            AuditEntry entry = trail.get(i);
            if (entry.seq() != i) {
                return Optional.of(new TrailBreak(i, "expected sequence " + i + " but found " + entry.seq()));
            }
            if (!expectedPrevious.equals(entry.previousHash())) {
                return Optional.of(new TrailBreak(i, "previous hash does not match entry " + (i - 1)));
            }
            if (!hashOf(entry).equals(entry.hash())) {
                return Optional.of(new TrailBreak(i, "entry hash does not match its contents"));
            }
            if (i > 0 && !entry.subject().equals(trail.get(0).subject())) {
                return Optional.of(new TrailBreak(i, "entry belongs to subject " + entry.subject()));
            }
            expectedPrevious = entry.hash();
        }
        return Optional.empty();
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(
                e.subject(),
                e.seq(),
                e.action(),
                e.actorMsp(),
                e.actorId(),
                e.txId(),
                e.txTime(),
                e.detailsHash(),
                e.previousHash(),
                hash);
    }
}
