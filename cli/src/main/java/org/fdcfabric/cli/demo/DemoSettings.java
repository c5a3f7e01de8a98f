package org.fdcfabric.cli.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.fdcfabric.compute.job.AggregationPlan;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;

/**
 * What one demo run does.
 *
 * @param root the repository root, under which the packaged chaincode jars are
 * @param runDirectory where the devnet, the data centers, the models and the report go
 * @param institutions data providers, one private data center each (1 to 5, FDC's five schools)
 * @param rounds the job's round budget
 * @param model the model family trained
 * @param hidden hidden layer widths for an mlp
 * @param subjects children per school; the last {@code testSubjects} of each form its test split
 * @param days school days recorded per child
 * @param seed seed of the simulated data and of training
 * @param secure whether the job uses secure aggregation (the coordinator learns only the sum of the updates)
 * @param aggregator the aggregation rule ({@code fedavg}, {@code median}, {@code trimmed-mean:beta=0.2},
 *     {@code krum}, ...); only {@code fedavg} combines with {@code secure}
 * @param serverOptimizer what the coordinator applies to each round's aggregate (FedAdam for an mlp unless named)
 * @param schedule the clients' learning rate per round
 */
public record DemoSettings(
        Path root,
        Path runDirectory,
        int institutions,
        int rounds,
        ModelFamily model,
        List<Integer> hidden,
        int localEpochs,
        double learningRate,
        int subjects,
        int testSubjects,
        int days,
        long seed,
        boolean secure,
        String aggregator,
        ServerOptimizerTerms serverOptimizer,
        ScheduleTerms schedule) {
    public static final int MAX_INSTITUTIONS = 5;

    public DemoSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(runDirectory, "runDirectory");
        Objects.requireNonNull(model, "model");
        hidden = List.copyOf(hidden);
        require(institutions >= 1 && institutions <= MAX_INSTITUTIONS, "--institutions must be 1.." + MAX_INSTITUTIONS);
        require(rounds >= 1 && rounds <= 1000, "--rounds must be 1..1000");
        require(
                model != ModelFamily.LINEAR,
                "--model must be a classifier (logistic, mlp or fm): the task is activity recognition");
        require(localEpochs >= 1 && localEpochs <= 100, "--local-epochs must be 1..100");
        require(learningRate > 0 && learningRate <= 10, "--learning-rate must be in (0, 10]");
        require(subjects >= 2 && subjects <= 100, "--subjects must be 2..100");
        require(
                testSubjects >= 1 && testSubjects < subjects,
                "--test-subjects must be at least 1 and fewer than --subjects");
        require(days >= 1 && days <= 30, "--days must be 1..30");
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(serverOptimizer, "serverOptimizer");
        Objects.requireNonNull(schedule, "schedule");
        require(
                !secure || institutions >= 2,
                "--secure needs at least 2 institutions (3 or more to survive a dropout)");
        try {
            AggregationPlan.of(secure, aggregator, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--aggregator: " + e.getMessage(), e);
        }
    }

    /** The job's aggregation: plain FedAvg, a robust rule, or secure aggregation. */
    AggregationPlan aggregation() {
        return AggregationPlan.of(secure, aggregator, 0);
    }

    /** The same run in another directory. */
    DemoSettings in(Path directory) {
        return new DemoSettings(
                root,
                directory,
                institutions,
                rounds,
                model,
                hidden,
                localEpochs,
                learningRate,
                subjects,
                testSubjects,
                days,
                seed,
                secure,
                aggregator,
                serverOptimizer,
                schedule);
    }

    /** Institution {@code i}'s school (1-based): FDC's schools in order, each differing in devices and schedule. */
    SchoolProfile school(int institution) {
        return WearableSimulator.fdcSchools(subjects, days).get(institution - 1);
    }

    /** Institution {@code i}'s simulator seed: every school's children differ, and a run is reproducible. */
    long dataSeed(int institution) {
        return seed + institution;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
