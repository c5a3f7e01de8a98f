package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationConfig;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationRound;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationSummary;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.learning.tabular.ColumnStatistics;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.MaskedStatisticsRequest;
import org.fdcfabric.protocol.federation.MaskedStatisticsResponse;
import org.fdcfabric.protocol.federation.SealedShares;
import org.fdcfabric.protocol.federation.SecAggSession;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.StatisticsCodec;
import org.fdcfabric.protocol.secagg.StatisticsSum;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secure job's statistics round: round 0 of its secure-aggregation sessions, run before round 1 over every center
 * of the job. The same four steps as a training round ({@link SecAggExchange}), with {@code MaskedStatistics} in
 * place of masked training: each center masks its column statistics encoded by {@link StatisticsCodec}, so the
 * coordinator learns only their sum over the surviving centers, never one center's. Centers that drop out after
 * sharing keys are tolerated down to the threshold, as in a training round; the statistics are then those of the
 * survivors' rows.
 *
 * <p>The threshold is the job's, raised to a strict majority of all the job's centers if the job's fixed t is
 * smaller (a job that samples fewer centers per round than it has), since the roster must satisfy n < 2t.
 */
final class SecureStatisticsRound {
    private static final Logger LOG = LoggerFactory.getLogger(SecureStatisticsRound.class);
    /** The round number of the statistics session; training rounds start at 1. */
    static final int ROUND = 0;

    private final JobAssignment job;
    private final UclSchema schema;
    private final List<String> datasets;
    private final int threshold;
    private final SecAggExchange exchange;

    SecureStatisticsRound(JobAssignment job, UclSchema schema, Map<String, ConnectedCenter> centers) {
        this.job = job;
        this.schema = schema;
        this.datasets = centers.keySet().stream().sorted().toList();
        int n = datasets.size();
        this.threshold = Math.max(job.plan().aggregation().thresholdFor(n), n / 2 + 1);
        if (threshold < 2 || n > StatisticsCodec.DEFAULT.maxCenters()) {
            throw new IllegalStateException("SECURE_THRESHOLD_UNUSABLE: job " + job.jobId() + " has " + n
                    + " centers; secure statistics need 2 <= t <= n < 2t and at most "
                    + StatisticsCodec.DEFAULT.maxCenters() + " centers");
        }
        int values = ColumnStatistics.encodedValues(schema);
        this.exchange = new SecAggExchange(
                job,
                ROUND,
                datasets,
                centers,
                new SecureAggregationConfig(threshold, 2 * values, FixedPointCodec.DEFAULT));
    }

    /**
     * @return the sum of the surviving centers' statistics
     * @throws IllegalStateException {@code SECURE_STATISTICS_FAILED} naming the step that fell below the threshold
     *     and why each missing center missed, or a sum that does not fit the schema
     */
    ColumnStatistics run() {
        SecureAggregationRound state = exchange.state();
        Optional<StatisticsSum> sum =
                exchange.run(new StatisticsStep()).flatMap(unmasking -> state.finish(StatisticsCodec.DEFAULT::decode));
        SecureAggregationSummary summary = state.outcome().orElseThrow().summary();
        if (sum.isEmpty()) {
            throw new IllegalStateException("SECURE_STATISTICS_FAILED: job " + job.jobId()
                    + ": the statistics round fell below the threshold t = " + threshold + " of " + datasets.size()
                    + " centers (" + state.outcome().orElseThrow().detail() + ")" + absences()
                    + "; every center that sent masked statistics refuses to send them again for this job, so the"
                    + " job cannot fix its preprocessing: create a new job, or one with preprocess=none");
        }
        try {
            ColumnStatistics statistics = ColumnStatistics.fromSum(schema, sum.get());
            LOG.info(
                    "job {}: secure statistics of {} rows from {} of {} centers (dropped: {})",
                    job.jobId(),
                    statistics.rows(),
                    summary.survivors().size(),
                    datasets.size(),
                    summary.dropped());
            return statistics;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "SECURE_STATISTICS_FAILED: job " + job.jobId() + ": the unmasked statistics are malformed: "
                            + e.getMessage(),
                    e);
        }
    }

    private String absences() {
        Map<String, Absence> absences = exchange.absences();
        if (absences.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("; missing:");
        absences.values().forEach(a -> out.append(' ')
                .append(a.datasetId())
                .append(" (")
                .append(a.reason())
                .append(')'));
        return out.toString();
    }

    /** Masked statistics: each center's column statistics, in limbs, masked. */
    private final class StatisticsStep
            implements SecAggExchange.MaskedStep<MaskedStatisticsRequest, MaskedStatisticsResponse> {
        @Override
        public MaskedStatisticsRequest request(String datasetId, SecAggSession session, List<SealedShares> shares) {
            return MaskedStatisticsRequest.newBuilder()
                    .setSession(session)
                    .addAllShares(shares)
                    .build();
        }

        @Override
        public ListenableFuture<MaskedStatisticsResponse> call(
                FederationGrpc.FederationFutureStub stub, MaskedStatisticsRequest request) {
            return stub.maskedStatistics(request);
        }

        @Override
        public void accept(String datasetId, MaskedStatisticsResponse response, SecureAggregationRound state) {
            if (!response.getSchemaHash().equals(schema.hash())) {
                throw new InvalidInputException(
                        "STATISTICS_SCHEMA_MISMATCH",
                        "statistics for schema " + response.getSchemaHash() + ", not the UCL's " + schema.hash());
            }
            state.accept(new MaskedInput(
                    exchange.session(), datasetId, SecureRound.words(response.getMaskedCount(), response::getMasked)));
        }
    }
}
