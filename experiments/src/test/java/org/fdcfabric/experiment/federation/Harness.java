package org.fdcfabric.experiment.federation;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fdcfabric.compute.coordinator.Coordinator;
import org.fdcfabric.compute.coordinator.CoordinatorIdentity;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.JobLedger;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.Caller;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.federation.PassCheck;
import org.fdcfabric.experiment.ExperimentLedger;
import org.fdcfabric.experiment.InProcessCenters;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.LocalTrainer;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.protocol.ucl.UclSchema;

/** Centers of seeded blob data in this JVM, the experiment ledger and a coordinator wired to them. */
final class Harness implements AutoCloseable {
    static final String COMPUTE = "ComputeMSP";
    static final String PURPOSE = "activity-recognition";

    final ExperimentLedger ledger = new ExperimentLedger(Clock.systemUTC());
    final KeyPair coordinatorKeys = InProcessCenters.p256();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final InProcessCenters centers;
    final List<String> datasetIds = new ArrayList<>();
    final Path store;

    Harness(
            String namespace,
            int centerCount,
            Path store,
            Function<String, Function<ModelFamily, LocalTrainer>> trainers) {
        this(namespace, blobs(centerCount), GaussianBlobs.SCHEMA.toUcl(), store, trainers, ledger -> ledger);
    }

    /**
     * @param passChecks the centers' view of the chain, given the harness's ledger (tests refuse some calls)
     */
    Harness(
            String namespace,
            List<CenterDataset> datasets,
            UclSchema schema,
            Path store,
            Function<String, Function<ModelFamily, LocalTrainer>> trainers,
            Function<ExperimentLedger, PassCheck> passChecks) {
        this.store = store;
        for (int i = 0; i < datasets.size(); i++) {
            String id = datasets.get(i).datasetId();
            datasetIds.add(id);
            ledger.registerUcl(new UclAddress(
                    id, "Org" + i + "MSP", InProcessCenters.address(namespace, id), schema, "00".repeat(32)));
        }
        centers = new InProcessCenters(
                namespace,
                datasets,
                passChecks.apply(ledger),
                new Caller(COMPUTE, coordinatorKeys.getPublic()),
                trainers);
    }

    /** Centers a, b, c, ... of seeded blobs, each a little larger than the one before. */
    private static List<CenterDataset> blobs(int centerCount) {
        List<CenterDataset> datasets = new ArrayList<>();
        for (int i = 0; i < centerCount; i++) {
            datasets.add(new CenterDataset(
                    "center-" + (char) ('a' + i),
                    GaussianBlobs.classification(150 + 20 * i, 10 + i, 1.0),
                    GaussianBlobs.classification(60, 100 + i, 1.0)));
        }
        return datasets;
    }

    Harness(String namespace, int centerCount, Path store) {
        this(namespace, centerCount, store, id -> Trainers::forFamily);
    }

    static TrainingPlan plan(long seed, int quorum, Duration deadline, double epsilon) {
        return new TrainingPlan(ModelArchitecture.logistic(6, 4), 1, 0.05, 8, 0, 1.0, quorum, deadline, epsilon, seed);
    }

    JobAssignment job(String jobId, int rounds, TrainingPlan plan) {
        JobAssignment job = new JobAssignment(jobId, PURPOSE, COMPUTE, datasetIds, rounds, plan);
        ledger.createJob(job, Instant.now().plus(Duration.ofHours(1)));
        return job;
    }

    Coordinator coordinator() {
        return coordinator(ledger);
    }

    Coordinator coordinator(JobLedger jobLedger) {
        return new Coordinator(
                jobLedger,
                centers,
                new ModelStore(store),
                new CoordinatorIdentity(COMPUTE, coordinatorKeys),
                meters,
                RoundListener.NONE);
    }

    @Override
    public void close() {
        centers.close();
    }
}
