package org.fdcfabric.datacenter.store.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.datacenter.governance.GovernanceInput;
import org.fdcfabric.datacenter.store.ImportReport;
import org.fdcfabric.datacenter.store.ReadingStore;
import org.fdcfabric.datacenter.store.StoreException;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.protocol.json.CanonicalJson;

/** Gathers what governance needs of stored streams: readings, activity log and import report. */
public final class StoredStreams {
    private final ReadingStore store;
    private final ActivityLogs logs;

    public StoredStreams(ReadingStore store) {
        this.store = store;
        this.logs = new ActivityLogs(store);
    }

    public List<GovernanceInput> governanceInputs(List<String> streamIds) {
        List<GovernanceInput> inputs = new ArrayList<>();
        for (String id : streamIds) {
            StreamDescriptor stream =
                    store.stream(id).orElseThrow(() -> new StoreException("no stream " + id + " in the store"));
            inputs.add(new GovernanceInput(stream, store.read(id), logs.get(id), importReport(id)));
        }
        return inputs;
    }

    public Optional<ImportReport> importReport(String streamId) {
        return store.attachment(streamId, ImportReport.ATTACHMENT)
                .map(bytes -> CanonicalJson.read(bytes, ImportReport.class));
    }
}
