package org.fdcfabric.compute.coordinator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.ModelWeights;

/**
 * A finished job: the final model and its hash, the rounds this run executed, whether it converged, the round it
 * resumed after (0 for a fresh start), where the model was saved, the wall time, and the preprocessing its inputs
 * need.
 */
public record JobResult(
        String jobId,
        ModelWeights finalModel,
        String finalModelHash,
        List<RoundReport> rounds,
        int totalRounds,
        boolean converged,
        int resumedAfterRound,
        Path modelFile,
        Duration wallTime,
        Preprocessing preprocessing) {
    public JobResult {
        rounds = List.copyOf(rounds);
    }
}
