package org.fdcfabric.protocol.trail;

import java.util.List;
import org.fdcfabric.protocol.audit.AuditEntry;

/** One page of a subject's audit trail in sequence order; {@code bookmark} is empty after the last page. */
public record TrailPage(String subject, List<AuditEntry> entries, String bookmark) {
    public TrailPage {
        entries = List.copyOf(entries);
    }
}
