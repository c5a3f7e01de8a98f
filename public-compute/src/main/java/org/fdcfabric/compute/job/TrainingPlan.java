package org.fdcfabric.compute.job;

import java.time.Duration;
import java.util.Objects;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;

/**
 * How a job trains: the model, local hyperparameters and the federation's rules (participant fraction C,
 * per-round deadline, minimum quorum, convergence threshold epsilon, seed).
 *
 * @param clientFraction fraction C of the centers sampled each round (at least the quorum is always sampled)
 * @param minQuorum the fewest accepted updates a round may aggregate
 * @param roundDeadline how long a round waits for updates; later ones are stragglers
 * @param epsilon stop when ||w_p - w_(p-1)|| <= epsilon (BlockDeepNet Alg. 1); 0 trains the whole budget
 * @param seed the job's seed: initial model, participant sampling and every center's local shuffling derive from it
 * @param aggregation plain FedAvg, a robust rule, or secure aggregation
 * @param serverOptimizer how the coordinator applies each round's aggregate (FedAdam, FedYogi, or as it is)
 * @param schedule the clients' learning rate per round, from {@code learningRate}
 * @param preprocess whether numeric columns are standardized with job-wide statistics ({@link Scaling#STANDARDIZE})
 *     or left as they are; imputation and category encoding follow the UCL schema either way
 */
public record TrainingPlan(
        ModelArchitecture spec,
        int localEpochs,
        double learningRate,
        int batchSize,
        double proxMu,
        double clientFraction,
        int minQuorum,
        Duration roundDeadline,
        double epsilon,
        long seed,
        AggregationPlan aggregation,
        ServerOptimizerTerms serverOptimizer,
        ScheduleTerms schedule,
        Scaling preprocess) {
    public TrainingPlan {
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(serverOptimizer, "serverOptimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(roundDeadline, "roundDeadline");
        if (localEpochs < 1 || localEpochs > 1000) {
            throw new IllegalArgumentException("local epochs must be in 1..1000, was " + localEpochs);
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], was " + learningRate);
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("batch size must be in 1..65536, was " + batchSize);
        }
        if (!(proxMu >= 0 && proxMu <= 100)) {
            throw new IllegalArgumentException("FedProx mu must be in [0, 100], was " + proxMu);
        }
        if (!(clientFraction > 0 && clientFraction <= 1)) {
            throw new IllegalArgumentException("client fraction C must be in (0, 1], was " + clientFraction);
        }
        if (minQuorum < 1) {
            throw new IllegalArgumentException("minimum quorum must be at least 1, was " + minQuorum);
        }
        if (roundDeadline.isNegative() || roundDeadline.isZero() || roundDeadline.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("round deadline must be in (0, 1 day], was " + roundDeadline);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, was " + epsilon);
        }
    }

    /**
     * A plan with the given aggregation, no server optimizer, a constant learning rate and the columns as they are
     * ({@link Scaling#NONE}).
     */
    public TrainingPlan(
            ModelArchitecture spec,
            int localEpochs,
            double learningRate,
            int batchSize,
            double proxMu,
            double clientFraction,
            int minQuorum,
            Duration roundDeadline,
            double epsilon,
            long seed,
            AggregationPlan aggregation) {
        this(
                spec,
                localEpochs,
                learningRate,
                batchSize,
                proxMu,
                clientFraction,
                minQuorum,
                roundDeadline,
                epsilon,
                seed,
                aggregation,
                ServerOptimizerTerms.NONE,
                ScheduleTerms.CONSTANT,
                Scaling.NONE);
    }

    /** A plan that aggregates by plain FedAvg. */
    public TrainingPlan(
            ModelArchitecture spec,
            int localEpochs,
            double learningRate,
            int batchSize,
            double proxMu,
            double clientFraction,
            int minQuorum,
            Duration roundDeadline,
            double epsilon,
            long seed) {
        this(
                spec,
                localEpochs,
                learningRate,
                batchSize,
                proxMu,
                clientFraction,
                minQuorum,
                roundDeadline,
                epsilon,
                seed,
                AggregationPlan.PLAIN);
    }

    public TrainingPlan withAggregation(AggregationPlan next) {
        return new TrainingPlan(
                spec,
                localEpochs,
                learningRate,
                batchSize,
                proxMu,
                clientFraction,
                minQuorum,
                roundDeadline,
                epsilon,
                seed,
                next,
                serverOptimizer,
                schedule,
                preprocess);
    }

    /** This plan with another preprocessing of numeric columns. */
    public TrainingPlan withPreprocess(Scaling next) {
        return new TrainingPlan(
                spec,
                localEpochs,
                learningRate,
                batchSize,
                proxMu,
                clientFraction,
                minQuorum,
                roundDeadline,
                epsilon,
                seed,
                aggregation,
                serverOptimizer,
                schedule,
                next);
    }

    /** This plan with another server optimizer and client learning-rate schedule. */
    public TrainingPlan withOptimization(ServerOptimizerTerms server, ScheduleTerms clientSchedule) {
        return new TrainingPlan(
                spec,
                localEpochs,
                learningRate,
                batchSize,
                proxMu,
                clientFraction,
                minQuorum,
                roundDeadline,
                epsilon,
                seed,
                aggregation,
                server,
                clientSchedule,
                preprocess);
    }

    /** The clients' learning rate in round {@code round} of a job of {@code rounds} rounds. */
    public double learningRateAt(int round, int rounds) {
        return schedule.rateAt(learningRate, round, rounds);
    }
}
