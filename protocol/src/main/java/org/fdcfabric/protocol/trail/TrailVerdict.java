package org.fdcfabric.protocol.trail;

import java.util.List;
import java.util.Optional;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.TrailBreak;

/**
 * The result of verifying a whole trail: its length, whether every link and hash holds and the head points at the
 * last entry, and otherwise the first break. {@code headHash} is absent when the subject has no head (an empty
 * trail).
 */
public record TrailVerdict(String subject, long entries, boolean valid, TrailBreak firstBreak, String headHash) {

    /**
     * Verifies {@code trail} (every entry of {@code subject}, in sequence order) from its first entry, and that
     * {@code head} names its last entry, so that a trail cut short or extended at its end is caught as well as one
     * altered in the middle. Both chaincodes answer {@code VerifyTrail} with this.
     */
    public static TrailVerdict of(String subject, List<AuditEntry> trail, Optional<AuditEntry> head) {
        Optional<TrailBreak> broken = AuditChain.verify(trail);
        if (broken.isEmpty()) {
            broken = headBreak(trail, head);
        }
        return new TrailVerdict(
                subject,
                trail.size(),
                broken.isEmpty(),
                broken.orElse(null),
                head.map(AuditEntry::hash).orElse(null));
    }

    private static Optional<TrailBreak> headBreak(List<AuditEntry> trail, Optional<AuditEntry> head) {
        if (trail.isEmpty()) {
            return head.map(h -> new TrailBreak(0, "a head exists but the trail is empty"));
        }
        AuditEntry last = trail.get(trail.size() - 1);
        if (head.isEmpty()) {
            return Optional.of(new TrailBreak(last.seq(), "the trail has entries but no head"));
        }
        if (!head.get().equals(last)) {
            return Optional.of(new TrailBreak(
                    last.seq(), "the head names entry " + head.get().seq() + ", which is not the last entry"));
        }
        return Optional.empty();
    }
}
