package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.learning.tabular.ColumnStatistics;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.protocol.federation.JobPreprocessing;
import org.fdcfabric.protocol.federation.StatisticsRequest;
import org.fdcfabric.protocol.federation.StatisticsResponse;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixes a job's preprocessing before its round 1: asks every center for the additive statistics of its training
 * split (the Federation {@code Statistics} call, pass-checked and reported on chain by each center), sums them and
 * fits the {@link Preprocessing} the job's terms ask for. Every center must answer: a transform fitted without one
 * center's rows would not be the job's. A secure job sums them through secure aggregation instead ({@link
 * SecureStatisticsRound}), so the coordinator sees only the sum, and tolerates dropouts down to the threshold as its
 * training rounds do. The result is saved with the job's models, so a resumed job reuses it.
 */
final class PreprocessingPhase {
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessingPhase.class);

    private final ModelStore store;

    PreprocessingPhase(ModelStore store) {
        this.store = store;
    }

    /**
     * @throws IllegalStateException if a center does not answer, answers for another schema, or the statistics
     *     cannot fix the transform (a column with no value anywhere); the message names the center or column
     */
    Preprocessing fix(JobAssignment job, UclSchema schema, Map<String, ConnectedCenter> centers) {
        Optional<InputTransform> saved = store.loadPreprocessing(job.jobId());
        if (saved.isPresent()) {
            Preprocessing preprocessing = Preprocessing.of(saved.get());
            if (!saved.get().schema().equals(schema)
                    || saved.get().scaling() != job.plan().preprocess()) {
                throw new IllegalStateException("the saved preprocessing of job " + job.jobId()
                        + " is for another schema or scaling than the job's");
            }
            LOG.info("job {}: reusing its preprocessing {}", job.jobId(), preprocessing.hash());
            return preprocessing;
        }
        Scaling scaling = job.plan().preprocess();
        Preprocessing preprocessing;
        if (!Preprocessing.needsStatistics(schema, scaling)) {
            preprocessing = Preprocessing.asIs(schema);
        } else if (job.plan().aggregation().secure()) {
            preprocessing = fit(job, schema, new SecureStatisticsRound(job, schema, centers).run(), scaling);
        } else {
            preprocessing = fit(job, schema, plainStatistics(job, schema, centers), scaling);
        }
        store.savePreprocessing(job.jobId(), preprocessing.transform());
        return preprocessing;
    }

    /** Every center's statistics in the clear, summed: for a job that is not secure. */
    private static ColumnStatistics plainStatistics(
            JobAssignment job, UclSchema schema, Map<String, ConnectedCenter> centers) {
        Map<String, ListenableFuture<StatisticsResponse>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, ConnectedCenter> center : centers.entrySet()) {
            pending.put(
                    center.getKey(),
                    center.getValue()
                            .stub()
                            .withDeadlineAfter(job.plan().roundDeadline().toNanos(), TimeUnit.NANOSECONDS)
                            .statistics(StatisticsRequest.newBuilder()
                                    .setJobId(job.jobId())
                                    .setDatasetId(center.getKey())
                                    .setPurpose(job.purpose())
                                    .build()));
        }
        ColumnStatistics sum = null;
        for (Map.Entry<String, Object> answer : CenterCalls.await(pending).entrySet()) {
            String datasetId = answer.getKey();
            if (answer.getValue() instanceof StatusRuntimeException e) {
                throw new IllegalStateException("job " + job.jobId() + ": center of " + datasetId
                        + " gave no column statistics for the job's preprocessing: " + e.getStatus());
            }
            StatisticsResponse response = (StatisticsResponse) answer.getValue();
            if (!response.getSchemaHash().equals(schema.hash())) {
                throw new IllegalStateException("job " + job.jobId() + ": center of " + datasetId
                        + " sent statistics for schema " + response.getSchemaHash() + ", not its UCL's");
            }
            ColumnStatistics statistics;
            try {
                statistics = ColumnStatistics.fromVector(
                        schema,
                        response.getValuesList().stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "job " + job.jobId() + ": center of " + datasetId + " sent malformed statistics: "
                                + e.getMessage(),
                        e);
            }
            sum = sum == null ? statistics : sum.plus(statistics);
        }
        return sum;
    }

    private static Preprocessing fit(JobAssignment job, UclSchema schema, ColumnStatistics sum, Scaling scaling) {
        try {
            Preprocessing preprocessing = Preprocessing.fit(schema, sum, scaling);
            LOG.info("job {}: preprocessing {} fixed from {} rows", job.jobId(), preprocessing.hash(), sum.rows());
            return preprocessing;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("job " + job.jobId() + ": " + e.getMessage(), e);
        }
    }

    /** The preprocessing as every request of the job carries it. */
    static JobPreprocessing wire(Preprocessing preprocessing) {
        return JobPreprocessing.newBuilder()
                .setTransform(preprocessing.transform().toJson())
                .setHash(preprocessing.hash())
                .build();
    }
}
