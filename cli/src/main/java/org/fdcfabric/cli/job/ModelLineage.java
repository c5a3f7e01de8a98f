package org.fdcfabric.cli.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * What a data user checks about a model handed to it, against the chain alone: the job is completed; the model's
 * bytes hash to the aggregate recorded for the job's last round; and its lineage names exactly the job's datasets
 * with the owners and Merkle roots their UCLs carry, and exactly the round hashes the chain recorded, in order.
 */
final class ModelLineage {
    private ModelLineage() {}

    /** Every way the model or its lineage departs from the chain; empty when it verifies. */
    static List<String> problems(
            TrainingJob job, List<RoundRecord> rounds, Map<String, Ucl> ucls, byte[] model, ModelProvenance lineage) {
        List<String> problems = new ArrayList<>();
        if (job.status() != JobStatus.COMPLETED) {
            problems.add("job " + job.jobId() + " is " + job.status() + ", not COMPLETED");
        }
        if (rounds.isEmpty()) {
            problems.add("job " + job.jobId() + " has no recorded round");
            return problems;
        }
        String recorded = rounds.get(rounds.size() - 1).aggregateModelHash();
        String hash = ModelCodec.sha256Hex(model);
        if (!hash.equals(recorded)) {
            problems.add("the model hashes to " + hash + " but the chain recorded " + recorded + " for round "
                    + rounds.get(rounds.size() - 1).round());
        }
        if (!job.jobId().equals(lineage.jobId())) {
            problems.add("the lineage is of job " + lineage.jobId() + ", not " + job.jobId());
        }
        if (!hash.equals(lineage.finalModelHash())) {
            problems.add("the lineage names final model " + lineage.finalModelHash() + ", the model is " + hash);
        }
        List<String> chainHashes =
                rounds.stream().map(RoundRecord::aggregateModelHash).toList();
        if (!chainHashes.equals(lineage.roundHashes())) {
            problems.add("the lineage's round hashes " + lineage.roundHashes() + " are not the chain's " + chainHashes);
        }
        List<String> datasets = lineage.ucls().stream()
                .map(ModelProvenance.UclLineage::datasetId)
                .sorted()
                .toList();
        if (!datasets.equals(job.offer().datasetIds().stream().sorted().toList())) {
            problems.add("the lineage names datasets " + datasets + ", the job "
                    + job.offer().datasetIds());
        }
        for (ModelProvenance.UclLineage entry : lineage.ucls()) {
            Ucl ucl = ucls.get(entry.datasetId());
            if (ucl == null) {
                continue; // reported above as a dataset the job does not have
            }
            if (!ucl.ownerMsp().equals(entry.ownerMsp()) || !ucl.merkleRoot().equals(entry.merkleRoot())) {
                problems.add("the lineage says " + entry.datasetId() + " is " + entry.ownerMsp() + "'s with root "
                        + entry.merkleRoot() + "; its UCL says " + ucl.ownerMsp() + " and " + ucl.merkleRoot());
            }
        }
        return problems;
    }
}
