package org.fdcfabric.experiment;

import java.util.List;
import java.util.Locale;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.protocol.ucl.Task;

/** The comparison of strategies, and its plain-text rendering for the console. */
public record ExperimentReport(
        DatasetSchema schema, int centers, long trainSamples, long testSamples, List<StrategyResult> results) {
    public ExperimentReport {
        results = List.copyOf(results);
    }

    public StrategyResult result(Strategy strategy) {
        return results.stream()
                .filter(r -> r.strategy() == strategy)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(strategy + " was not run"));
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        boolean classification = schema.task() == Task.CLASSIFICATION;
        out.append(String.format(
                Locale.ROOT,
                "%d centers, %d training and %d test samples, %d features, %s%n",
                centers,
                trainSamples,
                testSamples,
                schema.featureNames().size(),
                classification ? schema.classes().size() + " classes" : "regression"));
        if (classification) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-12s %9s %9s %9s %7s %11s%n",
                    "strategy",
                    "accuracy",
                    "macro-F1",
                    "loss",
                    "rounds",
                    "wall time"));
        } else {
            out.append(String.format(
                    Locale.ROOT,
                    "%-12s %12s %12s %9s %7s %11s%n",
                    "strategy",
                    "MSE",
                    "MAE",
                    "R2",
                    "rounds",
                    "wall time"));
        }
        for (StrategyResult r : results) {
            String name = r.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-');
            String wall = String.format(Locale.ROOT, "%.1f s", r.wallTime().toMillis() / 1000.0);
            if (classification) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-12s %9.4f %9.4f %9.4f %7d %11s%n",
                        name,
                        r.metrics().get("accuracy"),
                        r.metrics().get("macro_f1"),
                        r.metrics().get("loss"),
                        r.rounds(),
                        wall));
            } else {
                out.append(String.format(
                        Locale.ROOT,
                        "%-12s %12.6g %12.6g %9.4f %7d %11s%n",
                        name,
                        r.metrics().get("mse"),
                        r.metrics().get("mae"),
                        r.metrics().get("r2"),
                        r.rounds(),
                        wall));
            }
            if (!r.spread().isEmpty()) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-12s   per center: worst %.4f, best %.4f%n",
                        "",
                        r.spread().get("worst"),
                        r.spread().get("best")));
            }
        }
        if (classification) {
            for (StrategyResult r : results) {
                out.append(String.format(
                        Locale.ROOT,
                        "%nconfusion matrix, %s (rows: true, columns: predicted)%n",
                        r.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-')));
                int width = Math.max(
                        8,
                        schema.classes().stream().mapToInt(String::length).max().orElse(8) + 1);
                out.append(String.format(Locale.ROOT, "%" + width + "s", ""));
                for (String c : schema.classes()) {
                    out.append(String.format(Locale.ROOT, "%" + width + "s", c));
                }
                out.append(System.lineSeparator());
                for (int i = 0; i < schema.classes().size(); i++) {
                    out.append(String.format(
                            Locale.ROOT, "%" + width + "s", schema.classes().get(i)));
                    for (long count : r.confusion()[i]) {
                        out.append(String.format(Locale.ROOT, "%" + width + "d", count));
                    }
                    out.append(System.lineSeparator());
                }
            }
        }
        return out.toString();
    }
}
