package org.fdcfabric.experiment;

import java.time.Duration;
import java.util.Map;

/**
 * One strategy's outcome on the pooled test splits of all centers: metrics (accuracy, macro_f1, loss; or mse),
 * the confusion matrix, rounds (federated) or epochs, and wall time. For local-only, metrics are the
 * sample-weighted mean over the centers' models and {@code spread} holds the worst and best center.
 */
public record StrategyResult(
        Strategy strategy,
        Map<String, Double> metrics,
        long[][] confusion,
        int rounds,
        Duration wallTime,
        Map<String, Double> spread) {}
