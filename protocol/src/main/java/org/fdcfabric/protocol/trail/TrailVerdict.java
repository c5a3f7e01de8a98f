package org.fdcfabric.protocol.trail;

import org.fdcfabric.protocol.audit.TrailBreak;

/**
 * The result of verifying a whole trail: its length, whether every link and hash holds and the head points at the
 * last entry, and otherwise the first break.
 */
public record TrailVerdict(String subject, long entries, boolean valid, TrailBreak firstBreak, String headHash) {}
