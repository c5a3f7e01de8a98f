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
import org.fdcfabric.experiment.ExperimentLedger;
import org.fdcfabric.experiment.InProcessCenters;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.LocalTrainer;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.Trainers;

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
        this.store = store;
        List<CenterDataset> datasets = new ArrayList<>();
        for (int i = 0; i < centerCount; i++) {
            String id = "center-" + (char) ('a' + i);
            datasetIds.add(id);
            datasets.add(new CenterDataset(
                    id,
                    GaussianBlobs.classification(150 + 20 * i, 10 + i, 1.0),
                    GaussianBlobs.classification(60, 100 + i, 1.0)));
            ledger.registerUcl(new UclAddress(
                    id,
                    "Org" + i + "MSP",
                    InProcessCenters.address(namespace, id),
                    GaussianBlobs.SCHEMA.toUcl(),
                    "00".repeat(32)));
        }
        centers = new InProcessCenters(
                namespace, datasets, ledger, new Caller(COMPUTE, coordinatorKeys.getPublic()), trainers);
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
