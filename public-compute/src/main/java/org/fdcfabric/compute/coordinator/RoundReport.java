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
 * @param coordinatorTime the coordinator's own work this round: requests, decryption, validation, aggregation,
 *     hashing, storing and recording; excludes waiting for centers
 * @param slowestLocalTraining the longest local training a participant reported
 * @param slowestMasking secure rounds: the longest time a participant reported for masking its update (opening
 *     shares, encoding, expanding the masks); zero for plain rounds
 */
public record RoundReport(
        RoundRecord record,
        Map<String, Double> evaluation,
        long[][] confusion,
        Duration roundTime,
        Duration coordinatorTime,
        Duration slowestLocalTraining,
        long bytesOut,
        long bytesIn,
        Duration slowestMasking) {}
