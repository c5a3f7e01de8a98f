package org.fdcfabric.datacenter.store.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fdcfabric.datacenter.governance.ActivityLogEntry;
import org.fdcfabric.datacenter.store.ReadingStore;
import org.fdcfabric.protocol.json.CanonicalJson;

/** Keeps each stream's activity log (the teachers' schedule that labels it) sealed with the stream. */
public final class ActivityLogs {
    static final String ATTACHMENT = "activity-log";

    private final ReadingStore store;

    public ActivityLogs(ReadingStore store) {
        this.store = store;
    }

    public void put(String streamId, List<ActivityLogEntry> log) {
        store.putAttachment(streamId, ATTACHMENT, CanonicalJson.bytes(log));
    }

    /** The stream's activity log; empty when none was stored. */
    public List<ActivityLogEntry> get(String streamId) {
        return store.attachment(streamId, ATTACHMENT)
                .map(bytes -> CanonicalJson.read(
                        new String(bytes, StandardCharsets.UTF_8), new TypeReference<List<ActivityLogEntry>>() {}))
                .orElse(List.of());
    }
}
