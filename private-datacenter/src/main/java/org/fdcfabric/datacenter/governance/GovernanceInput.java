package org.fdcfabric.datacenter.governance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fdcfabric.datacenter.store.ImportReport;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.StreamDescriptor;

/** One stream to govern: its raw readings in sequence order, its activity log and, if imported, its import report. */
public record GovernanceInput(
        StreamDescriptor stream, List<Reading> readings, List<ActivityLogEntry> log, Optional<ImportReport> imported) {
    public GovernanceInput {
        Objects.requireNonNull(stream, "stream");
        readings = List.copyOf(readings);
        log = List.copyOf(log);
        Objects.requireNonNull(imported, "imported");
    }
}
