package org.fdcfabric.auditor;

import java.util.List;
import java.util.Optional;
import org.fdcfabric.protocol.audit.AuditEntry;

/** One subject's trail as read: its entries in order and the head hash the chaincode keeps (null when none). */
record TrailView(Channel channel, String subject, List<AuditEntry> entries, String headHash) {
    TrailView {
        entries = List.copyOf(entries);
    }

    Optional<AuditEntry> last() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }
}
