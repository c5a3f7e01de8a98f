package org.fdcfabric.compute.coordinator;

import java.time.Duration;
import java.util.Map;
import org.fdcfabric.compute.job.RoundRecord;

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
 * @param coordinatorCpu CPU time of all the coordinator's work this round over all its threads, the intake of
 *     every update included; on a shared machine this is the figure other processes cannot inflate
 * @param slowestLocalTraining the longest local training a participant reported
 */
public record RoundReport(
        RoundRecord record,
        Map<String, Double> evaluation,
        long[][] confusion,
        Duration roundTime,
        Duration criticalPath,
        Duration coordinatorCpu,
        Duration slowestLocalTraining,
        long bytesOut,
        long bytesIn) {}
