package org.fdcfabric.compute.coordinator;

import java.util.List;
import java.util.Optional;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.UpdateCommitment;

/**
 * What a secure round ({@link SecureRound}) produced, before it is recorded.
 *
 * @param aggregate the next global model; empty when a secure round failed below its threshold
 * @param lossSum sample-weighted sum of the participants' local training losses
 * @param waitingNanos time spent waiting for centers (not the coordinator's own work)
 * @param slowestMaskingSeconds the longest masking time a center reported (secure rounds; 0 for plain)
 */
record RoundIntake(
        Optional<ModelWeights> aggregate,
        List<UpdateCommitment> participants,
        List<Absence> absences,
        RoundAggregation aggregation,
        double lossSum,
        double slowestTrainingSeconds,
        long bytesOut,
        long bytesIn,
        long waitingNanos,
        double slowestMaskingSeconds) {
    RoundIntake {
        participants = List.copyOf(participants);
        absences = List.copyOf(absences);
    }

    long samples() {
        return participants.stream().mapToLong(UpdateCommitment::samples).sum();
    }
}
