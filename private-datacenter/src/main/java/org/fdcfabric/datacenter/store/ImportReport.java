package org.fdcfabric.datacenter.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: rows read, rows stored, the issues of rows not stored (the first {@link #MAX_ISSUES} in
 * full, all of them counted by kind) and the identifier columns that were dropped without being stored.
 */
public record ImportReport(
        String stream,
        String source,
        long rowsRead,
        long rowsStored,
        Map<ImportIssue.Kind, Long> droppedByKind,
        List<ImportIssue> issues,
        List<String> droppedIdentifierColumns) {
    public static final int MAX_ISSUES = 100;
    public static final String ATTACHMENT = "import-report";

    public ImportReport {
        droppedByKind = new TreeMap<>(droppedByKind);
        issues = List.copyOf(issues);
        droppedIdentifierColumns = List.copyOf(droppedIdentifierColumns);
    }

    public long rowsDropped() {
        return droppedByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
