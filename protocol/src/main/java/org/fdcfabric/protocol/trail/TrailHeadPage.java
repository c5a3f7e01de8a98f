package org.fdcfabric.protocol.trail;

import java.util.List;
import org.fdcfabric.protocol.audit.AuditEntry;

/**
 * One page of trail heads (each subject's latest entry) in subject order, so an auditor can enumerate and verify
 * every trail; {@code bookmark} is empty after the last page.
 */
public record TrailHeadPage(List<AuditEntry> heads, String bookmark) {
    public TrailHeadPage {
        heads = List.copyOf(heads);
    }
}
