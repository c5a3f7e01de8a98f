package org.fdcfabric.learning.tabular;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What reading a CSV file found: how many data rows it had, how many fit the schema, and the first few refused
 * rows with their file line (1-based, the header being line 1) and reason.
 *
 * @param rows data rows read (blank lines not counted)
 * @param accepted rows handed to the consumer
 * @param refused rows that did not fit the schema
 * @param firstRefused the first {@link #MAX_LISTED} refused rows, in file order
 * @param ignoredColumns header columns the schema does not use (identifiers, for example), in header order
 */
public record TabularCsvReport(
        long rows, long accepted, long refused, List<RefusedRow> firstRefused, List<String> ignoredColumns) {
    /** How many refused rows a report lists with their reason. */
    public static final int MAX_LISTED = 10;

    public TabularCsvReport {
        firstRefused = List.copyOf(firstRefused);
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    /** One row that did not fit the schema. */
    public record RefusedRow(long line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /** e.g. {@code "2 of 120 rows refused: line 5: ...; line 9: ..."}, or {@code "120 rows"} when none was. */
    public String summary() {
        if (refused == 0) {
            return rows + " rows";
        }
        return refused + " of " + rows + " rows refused"
                + (refused > firstRefused.size() ? " (the first " + firstRefused.size() + " listed)" : "") + ": "
                + firstRefused.stream().map(RefusedRow::toString).collect(Collectors.joining("; "));
    }
}
