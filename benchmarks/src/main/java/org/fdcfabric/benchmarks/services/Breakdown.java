package org.fdcfabric.benchmarks.services;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a round's time goes, from the services' own timers ({@code /metrics}, see {@code docs/metrics.md}): the
 * difference of two scrapes of every service, so only the measured job counts.
 */
record Breakdown(String before, String after) {
    /** One timer series: its Prometheus name without {@code _sum}/{@code _count} and the labels it must carry. */
    record Line(String label, String metric, List<String> labels) {}

    static final List<Line> LINES = List.of(
            new Line(
                    "round at the compute node (first Train sent to evaluation done)",
                    "fdc_coordinator_round_seconds",
                    List.of()),
            new Line(
                    "  Train call at a center (pass check, training, usage record)",
                    "fdc_center_calls_seconds",
                    List.of("operation=\"train\"", "status=\"OK\"")),
            new Line(
                    "  RecordRound by the compute node (endorse, order, commit)",
                    "fdc_coordinator_stage_seconds",
                    List.of("step=\"record\"")),
            new Line("  storing the round's model (fsync)", "fdc_coordinator_stage_seconds", List.of("step=\"store\"")),
            new Line(
                    "  Evaluate call at a center (pass check, test split, usage record)",
                    "fdc_center_calls_seconds",
                    List.of("operation=\"evaluate\"", "status=\"OK\"")),
            new Line("  the compute node's own critical path", "fdc_coordinator_overhead_seconds", List.of()));

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");

    static Breakdown between(String before, String after) {
        return new Breakdown(before, after);
    }

    /** The mean of one timer over the calls made between the two scrapes, in milliseconds (NaN if none). */
    double meanMillis(Line line) {
        double sum = total(after, line.metric() + "_sum", line.labels())
                - total(before, line.metric() + "_sum", line.labels());
        double count = total(after, line.metric() + "_count", line.labels())
                - total(before, line.metric() + "_count", line.labels());
        return count == 0 ? Double.NaN : sum / count * 1e3;
    }

    /** Sums the series {@code name} carrying every one of {@code labels} over all the scraped services. */
    private static double total(String text, String name, List<String> labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            String present = sample.group(3) == null ? "" : sample.group(3);
            if (labels.stream().allMatch(present::contains)) {
                total += Double.parseDouble(sample.group(4));
            }
        }
        return total;
    }
}
