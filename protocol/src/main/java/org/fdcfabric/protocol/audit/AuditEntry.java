package org.fdcfabric.protocol.audit;

import java.time.Instant;

/**
 * One step in a subject's life. {@code hash} is SHA-256 over the canonical JSON of every other field (see
 * {@link AuditChain#hashOf}); {@code previousHash} links it to the entry before ({@link AuditChain#GENESIS} for
 * the first).
 */
public record AuditEntry(
        String subject,
        long seq,
        String action,
        String actorMsp,
        String actorId,
        String txId,
        Instant txTime,
        String detailsHash,
        String previousHash,
        String hash) {}
