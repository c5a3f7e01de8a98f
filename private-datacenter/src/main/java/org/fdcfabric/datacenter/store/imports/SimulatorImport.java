package org.fdcfabric.datacenter.store.imports;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.datacenter.device.SensorModel;
import org.fdcfabric.datacenter.governance.AccelerationReading;
import org.fdcfabric.datacenter.simulator.SimulatedSchool;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.ReadingStore;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.datacenter.store.StreamSource;

/**
 * Stores what the wearable simulator produced for one school as one stream: the per-second readings (sequence
 * = position in the simulator's output, from 1) and the teachers' activity log.
 */
public final class SimulatorImport {
    private final ReadingStore store;
    private final ActivityLogs logs;

    public SimulatorImport(ReadingStore store, ActivityLogs logs) {
        this.store = store;
        this.logs = logs;
    }

    public void importSchool(String streamId, SimulatedSchool school) {
        List<Reading> readings = new ArrayList<>(school.readings().size());
        long sequence = 0;
        for (AccelerationReading r : school.readings()) {
            readings.add(
                    new Reading(++sequence, r.epochSecond() * 1000, r.subjectId(), new double[] {r.x(), r.y(), r.z()}));
        }
        store.createStream(new StreamDescriptor(streamId, SensorModel.FDC_WEARABLE, StreamSource.SIMULATOR));
        store.append(streamId, readings);
        logs.put(streamId, school.log());
    }
}
