package org.fdcfabric.compute.coordinator;

import java.util.List;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.protocol.job.UpdateCommitment;

/**
 * What one round's intake produced, in dataset-id order.
 *
 * @param lossSum the participants' local training losses weighted by their sample counts
 * @param slowestTraining the longest local training a participant reported, in seconds
 * @param bytesIn wire size of the answers received
 * @param lastArrivalNanos {@link System#nanoTime()} when the last answer (or failure) came in
 * @param cpuNanos CPU time the intake spent on this round's answers, over all its threads
 * @param cpuAfterLastArrivalNanos the part of {@code cpuNanos} spent after the last answer arrived (the intake's
 *     share of the critical path in CPU terms; summed over threads, so an upper bound)
 */
record RoundUpdates(
        List<WeightedUpdate> accepted,
        List<UpdateCommitment> participants,
        List<Absence> absences,
        double lossSum,
        double slowestTraining,
        long bytesIn,
        long lastArrivalNanos,
        long cpuNanos,
        long cpuAfterLastArrivalNanos) {
    RoundUpdates {
        accepted = List.copyOf(accepted);
        participants = List.copyOf(participants);
        absences = List.copyOf(absences);
    }
}
