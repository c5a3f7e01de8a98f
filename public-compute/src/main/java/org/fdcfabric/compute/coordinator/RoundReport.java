package org.fdcfabric.compute.coordinator;

import java.time.Duration;
import java.util.Map;
import org.fdcfabric.compute.job.RoundResult;

/**
 * One round as the coordinator saw it: the on-chain record plus the federated evaluation of the new model and
 * the timings.
 *
 * @param evaluation sample-weighted metrics of the aggregate over the centers' test splits (accuracy, macro_f1,
 *     loss; or mse)
 * @param confusion summed confusion matrix over the centers (empty for regression)
 * @param criticalPath how much the coordinator's own work lengthened the round (wall time): building and sending
 *     the requests, plus everything from the last answer's arrival until the round was recorded (that answer's
 *     opening and checking, aggregation, hashing, storing, recording). Updates that arrived earlier were opened
 *     while the coordinator waited for the others, so their intake is not on this path.
 * @param criticalPathCpu CPU time the coordinator spent on the critical path (same span as {@code criticalPath};
 *     intake work after the last arrival is summed over threads, so this bounds the critical path of an
 *     otherwise idle machine from above)
 * @param coordinatorCpu CPU time of all the coordinator's work this round over all its threads, the intake of
 *     every update included; on a shared machine this is the figure other processes cannot inflate
 * @param slowestLocalTraining the longest local training a participant reported
 * @param slowestMasking secure rounds: the longest time a participant reported for masking its update (opening
 *     shares, encoding, expanding the masks); zero for plain rounds
 */
public record RoundReport(
        RoundResult record,
        Map<String, Double> evaluation,
        long[][] confusion,
        Duration roundTime,
        Duration criticalPath,
        Duration criticalPathCpu,
        Duration coordinatorCpu,
        Duration slowestLocalTraining,
        long bytesOut,
        long bytesIn,
        Duration slowestMasking) {}
