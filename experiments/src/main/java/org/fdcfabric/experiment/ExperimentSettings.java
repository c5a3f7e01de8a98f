package org.fdcfabric.experiment;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.fdcfabric.compute.job.TrainingPlan;

/**
 * An experiment: the federated plan (model, hyperparameters, C, quorum, deadline, epsilon, seed), the round
 * budget, and which strategies to compare. Centralized and local-only training run {@code rounds x localEpochs}
 * epochs from the same initial model, so every strategy sees the data equally often.
 */
public record ExperimentSettings(TrainingPlan plan, int rounds, Set<Strategy> strategies) {
    public ExperimentSettings {
        strategies = strategies.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(strategies));
        if (rounds < 1 || rounds > 10_000) {
            throw new IllegalArgumentException("rounds must be in 1..10000, was " + rounds);
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("choose at least one strategy");
        }
    }

    public static Duration defaultDeadline() {
        return Duration.ofMinutes(10);
    }
}
