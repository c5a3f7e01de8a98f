package org.fdcfabric.cli.experiment;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.experiment.ExperimentReport;
import org.fdcfabric.experiment.StrategyResult;

/**
 * What {@code fdc experiment --json} prints: the comparison with typed fields (metrics as decimal numbers, wall
 * time in milliseconds), since canonical JSON refuses the report's doubles and durations.
 */
record ExperimentJson(
        String task,
        int centers,
        long trainSamples,
        long testSamples,
        List<Result> results,
        String federatedModelDirectory) {

    /** One strategy's outcome; a metric that is undefined (NaN) is null. */
    record Result(
            String strategy,
            int rounds,
            long wallTimeMs,
            Map<String, BigDecimal> metrics,
            Map<String, BigDecimal> spread,
            long[][] confusion) {}

    static ExperimentJson of(ExperimentReport report, Path federatedModel) {
        return new ExperimentJson(
                report.schema().task().name(),
                report.centers(),
                report.trainSamples(),
                report.testSamples(),
                report.results().stream().map(ExperimentJson::result).toList(),
                federatedModel == null ? null : federatedModel.toString());
    }

    private static Result result(StrategyResult r) {
        return new Result(
                r.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                r.rounds(),
                r.wallTime().toMillis(),
                decimals(r.metrics()),
                r.spread() == null ? null : decimals(r.spread()),
                r.confusion());
    }

    private static Map<String, BigDecimal> decimals(Map<String, Double> values) {
        Map<String, BigDecimal> decimals = new TreeMap<>();
        values.forEach((name, value) -> decimals.put(
                name, Double.isFinite(value) ? new BigDecimal(String.format(Locale.ROOT, "%.6f", value)) : null));
        return decimals;
    }
}
