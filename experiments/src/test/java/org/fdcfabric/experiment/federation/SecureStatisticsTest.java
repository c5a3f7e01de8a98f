package org.fdcfabric.experiment.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.job.AggregationPlan;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.federation.DatasetUse;
import org.fdcfabric.datacenter.federation.PassCheck;
import org.fdcfabric.datacenter.federation.PassClearance;
import org.fdcfabric.experiment.ExperimentLedger;
import org.fdcfabric.experiment.InProcessCenters;
import org.fdcfabric.learning.tabular.ColumnStatistics;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.MaskedStatisticsRequest;
import org.fdcfabric.protocol.federation.MaskedTrainRequest;
import org.fdcfabric.protocol.federation.SecAggSession;
import org.fdcfabric.protocol.federation.StatisticsRequest;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.secagg.StatisticsCodec;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secure job's preprocessing statistics through secure aggregation (the statistics round 0), with the real
 * coordinator and five real in-process Federation services: the secure statistics equal the plain ones within the
 * codec's precision, a center that drops after sharing keys is tolerated above the threshold, and below it the job
 * stops before round 1 with the failure named.
 */
class SecureStatisticsTest {
    /** Raw-scale numeric columns (one around 1e6), missing cells and a categorical column to impute. */
    static final UclSchema SCHEMA = new UclSchema(
            List.of(
                    FeatureSpec.numeric("income", MissingPolicy.MEAN),
                    FeatureSpec.numeric("assets", MissingPolicy.MEAN),
                    FeatureSpec.categorical("region", List.of("north", "south", "east"), MissingPolicy.MOST_FREQUENT)),
            new LabelSpec("approved", List.of("no", "yes")),
            Task.CLASSIFICATION);

    static final AggregationPlan SECURE = AggregationPlan.of(true, "fedavg", 0);

    /**
     * The codec's stated error: 2^-29 per center on every sum, then one rounding to double; relative to the means
     * and deviations of columns in the tens of thousands to millions this is far below 1e-9.
     */
    static final double RELATIVE_TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    private static TabularRows rows(long seed, int n, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        TabularRows.Builder rows = TabularRows.builder(SCHEMA);
        for (int i = 0; i < n; i++) {
            double income = 50_000 + shift + 12_000 * random.nextGaussian();
            double assets = 1_000_000 + 10 * shift + 300_000 * random.nextGaussian();
            int region = random.nextInt(3);
            int label = income > 52_000 || region == 1 ? 1 : 0;
            rows.add(
                    new float[] {
                        random.nextInt(10) == 0 ? Float.NaN : (float) income,
                        random.nextInt(8) == 0 ? Float.NaN : (float) assets,
                        random.nextInt(10) == 0 ? Float.NaN : region
                    },
                    label);
        }
        return rows.build();
    }

    static List<CenterDataset> centers() {
        List<CenterDataset> centers = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            centers.add(new CenterDataset(
                    "center-" + (char) ('a' + c), rows(c, 200 + 50 * c, 3_000 * c), rows(100 + c, 60, 0)));
        }
        return centers;
    }

    static TrainingPlan plan(AggregationPlan aggregation, Duration deadline) {
        return new TrainingPlan(ModelArchitecture.logistic(5, 2), 1, 0.05, 8, 0, 1.0, 3, deadline, 0, 7, aggregation)
                .withPreprocess(Scaling.STANDARDIZE);
    }

    /** The preprocessing a secure sum of these centers' statistics fixes: their encodings summed, then decoded. */
    static Preprocessing securelySummed(List<CenterDataset> centers) {
        long[] sum = null;
        for (CenterDataset center : centers) {
            long[] words = ColumnStatistics.of(center.train()).encode(StatisticsCodec.DEFAULT);
            if (sum == null) {
                sum = words;
            } else {
                for (int i = 0; i < words.length; i++) {
                    sum[i] += words[i];
                }
            }
        }
        return Preprocessing.fit(
                SCHEMA,
                ColumnStatistics.fromSum(SCHEMA, StatisticsCodec.DEFAULT.decode(sum, centers.size())),
                Scaling.STANDARDIZE);
    }

    static Preprocessing plainlySummed(List<CenterDataset> centers) {
        ColumnStatistics sum = null;
        for (CenterDataset center : centers) {
            ColumnStatistics statistics = ColumnStatistics.of(center.train());
            sum = sum == null ? statistics : sum.plus(statistics);
        }
        return Preprocessing.fit(SCHEMA, sum, Scaling.STANDARDIZE);
    }

    /** @return the largest relative difference of a centre, scale or fill, for the test's report */
    static double assertSameWithinPrecision(InputTransform secure, InputTransform plain) {
        assertThat(secure.columns()).hasSameSizeAs(plain.columns());
        double largest = 0;
        for (int c = 0; c < plain.columns().size(); c++) {
            InputTransform.ColumnTransform s = secure.columns().get(c);
            InputTransform.ColumnTransform p = plain.columns().get(c);
            assertThat(s.name()).isEqualTo(p.name());
            if (p.center() == null) {
                assertThat(s.fill()).as(p.name()).isEqualTo(p.fill()); // the most frequent category
                continue;
            }
            for (String[] pair :
                    new String[][] {{s.center(), p.center()}, {s.scale(), p.scale()}, {s.fill(), p.fill()}}) {
                double a = Double.parseDouble(pair[0]);
                double b = Double.parseDouble(pair[1]);
                assertThat(Math.abs(a - b)).as(p.name()).isLessThanOrEqualTo(RELATIVE_TOLERANCE * Math.abs(b));
                largest = Math.max(largest, Math.abs(a - b) / Math.abs(b));
            }
        }
        return largest;
    }

    /** Refuses the pass of the named centers at their n-th pass check in the secure job (a drop at that step). */
    static Function<ExperimentLedger, PassCheck> refusingAt(Set<String> datasets, int call) {
        return ledger -> new PassCheck() {
            private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

            @Override
            public PassClearance verifyPass(String jobId, String datasetId, String purpose) {
                int n = calls.computeIfAbsent(jobId + "/" + datasetId, k -> new AtomicInteger())
                        .incrementAndGet();
                if (jobId.equals("secure") && datasets.contains(datasetId) && n == call) {
                    return PassClearance.refused("PASS_REVOKED");
                }
                return ledger.verifyPass(jobId, datasetId, purpose);
            }

            @Override
            public void recordUsage(DatasetUse report) {
                ledger.recordUsage(report);
            }
        };
    }

    private Harness harness(String namespace, List<CenterDataset> centers, Function<ExperimentLedger, PassCheck> pass) {
        return new Harness(namespace, centers, SCHEMA, dir, id -> Trainers::forFamily, pass);
    }

    @Test
    void secureStatisticsFixThePlainPreprocessingWithinThePrecisionAndAreRecordedAsStatisticsUses() throws Exception {
        List<CenterDataset> centers = centers();
        try (Harness h = harness("secstats-equal", centers, ledger -> ledger)) {
            h.job("plain", 1, plan(AggregationPlan.PLAIN, Duration.ofSeconds(60)));
            h.job("secure", 1, plan(SECURE, Duration.ofSeconds(60)));
            JobResult plain = h.coordinator().run("plain");
            JobResult secure = h.coordinator().run("secure");

            InputTransform secureTransform = secure.preprocessing().transform();
            double difference = assertSameWithinPrecision(
                    secureTransform, plain.preprocessing().transform());
            System.out.printf(
                    "secure vs plain preprocessing: largest relative difference %.3g (tolerance %.0g)%n",
                    difference, RELATIVE_TOLERANCE);
            // exactly what the codec's sum of the five centers' encodings decodes to
            assertThat(secure.preprocessing().hash())
                    .isEqualTo(securelySummed(centers).hash());
            // recorded with the model, as in the plain path
            ModelProvenance provenance =
                    ModelProvenance.read(Files.readString(secure.modelFile().resolveSibling("final.provenance.json")));
            assertThat(provenance.preprocessingHash())
                    .isEqualTo(secure.preprocessing().hash());
            assertThat(provenance.preprocessing()).isEqualTo(secureTransform);
            // each center reported one statistics use, round 0, granted, with its training rows
            for (CenterDataset center : centers) {
                assertThat(h.ledger.usage())
                        .filteredOn(
                                u -> u.jobId().equals("secure") && u.operation().equals("statistics"))
                        .filteredOn(u -> u.datasetId().equals(center.datasetId()))
                        .singleElement()
                        .satisfies(u -> {
                            assertThat(u.round()).isZero();
                            assertThat(u.granted()).isTrue();
                            assertThat(u.samples()).isEqualTo(center.train().size());
                        });
            }
            // and now refuses the plain Statistics call for the secure job: its statistics leave masked only
            ManagedChannel channel = InProcessChannelBuilder.forName(
                            InProcessCenters.address("secstats-equal", "center-a"))
                    .build();
            try {
                assertThatThrownBy(() -> FederationGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(30, TimeUnit.SECONDS)
                                .statistics(StatisticsRequest.newBuilder()
                                        .setJobId("secure")
                                        .setDatasetId("center-a")
                                        .setPurpose(Harness.PURPOSE)
                                        .build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                            assertThat(e.getStatus().getDescription()).startsWith("SECURE_JOB");
                        });
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void roundZeroMasksStatisticsOnlyAndStatisticsAreMaskedInRoundZeroOnly() {
        try (Harness h = harness("secstats-rounds", centers(), ledger -> ledger)) {
            h.job("secure", 1, plan(SECURE, Duration.ofSeconds(60)));
            ManagedChannel channel = InProcessChannelBuilder.forName(
                            InProcessCenters.address("secstats-rounds", "center-a"))
                    .build();
            try {
                FederationGrpc.FederationBlockingStub stub =
                        FederationGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
                IntFunction<SecAggSession> session = round -> SecAggSession.newBuilder()
                        .setJobId("secure")
                        .setRound(round)
                        .setDatasetId("center-a")
                        .setPurpose(Harness.PURPOSE)
                        .setThreshold(3)
                        .build();
                assertRefused(
                        () -> stub.maskedTrain(MaskedTrainRequest.newBuilder()
                                .setSession(session.apply(0))
                                .build()),
                        "SECAGG_WRONG_SESSION: round 0 is the job's statistics round");
                assertRefused(
                        () -> stub.maskedStatistics(MaskedStatisticsRequest.newBuilder()
                                .setSession(session.apply(1))
                                .build()),
                        "SECAGG_WRONG_SESSION: statistics are masked in round 0 only");
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static void assertRefused(Runnable call, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith(description);
        });
    }

    @Test
    void aCenterThatDropsAfterSharingKeysLeavesTheStatisticsOfTheOthers() throws Exception {
        List<CenterDataset> centers = centers();
        // pass checks: 1 advertise keys, 2 share keys, 3 masked statistics
        try (Harness h = harness("secstats-drop", centers, refusingAt(Set.of("center-c"), 3))) {
            h.job("secure", 1, plan(SECURE, Duration.ofSeconds(60)));
            JobResult secure = h.coordinator().run("secure");

            List<CenterDataset> survivors = centers.stream()
                    .filter(c -> !c.datasetId().equals("center-c"))
                    .toList();
            assertThat(secure.preprocessing().hash())
                    .isEqualTo(securelySummed(survivors).hash());
            assertSameWithinPrecision(
                    secure.preprocessing().transform(), plainlySummed(survivors).transform());
            assertThat(h.ledger.usage())
                    .filteredOn(u -> u.jobId().equals("secure") && u.operation().equals("statistics"))
                    .extracting(u -> u.datasetId() + ":" + u.granted())
                    .containsExactlyInAnyOrder(
                            "center-a:true", "center-b:true", "center-c:false", "center-d:true", "center-e:true");
            // the job went on to train with every center
            assertThat(h.ledger.recordedRounds("secure")).singleElement().satisfies(r -> assertThat(r.participants())
                    .hasSize(5));
        }
    }

    @Test
    void belowTheThresholdTheJobStopsBeforeRoundOneWithTheFailureNamed() {
        try (Harness h =
                harness("secstats-fail", centers(), refusingAt(Set.of("center-a", "center-b", "center-c"), 3))) {
            h.job("secure", 1, plan(SECURE, Duration.ofSeconds(60)));

            assertThatThrownBy(() -> h.coordinator().run("secure"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SECURE_STATISTICS_FAILED")
                    .hasMessageContaining("TOO_FEW_MASKED_INPUTS")
                    .hasMessageContaining("t = 3 of 5")
                    .hasMessageContaining("center-a");
            assertThat(h.ledger.recordedRounds("secure")).isEmpty();
            assertThat(dir.resolve("secure").resolve("preprocessing.json")).doesNotExist();
        }
    }
}
