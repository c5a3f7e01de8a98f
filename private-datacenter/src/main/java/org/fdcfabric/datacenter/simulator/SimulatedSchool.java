package org.fdcfabric.datacenter.simulator;

import java.util.List;
import org.fdcfabric.datacenter.governance.AccelerationReading;
import org.fdcfabric.datacenter.governance.ActivityLogEntry;

/** What one school's devices and teachers produced: raw per-second readings and the activity log. */
public record SimulatedSchool(
        SchoolProfile profile,
        List<String> subjectIds,
        List<AccelerationReading> readings,
        List<ActivityLogEntry> log) {
    public SimulatedSchool {
        subjectIds = List.copyOf(subjectIds);
        readings = List.copyOf(readings);
        log = List.copyOf(log);
    }
}
