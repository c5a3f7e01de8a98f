package org.fdcfabric.datacenter.governance;

import java.util.Objects;

/**
 * A teacher's log line: the subject did {@code activity} from {@code startEpochSecond} (inclusive) to
 * {@code endEpochSecond} (exclusive).
 */
public record ActivityLogEntry(String subjectId, long startEpochSecond, long endEpochSecond, Activity activity) {
    public ActivityLogEntry {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(activity, "activity");
        if (endEpochSecond <= startEpochSecond) {
            throw new IllegalArgumentException("activity log entry for " + subjectId + " ends (" + endEpochSecond
                    + ") before it starts (" + startEpochSecond + ")");
        }
    }
}
