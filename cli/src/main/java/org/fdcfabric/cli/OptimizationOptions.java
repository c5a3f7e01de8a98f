package org.fdcfabric.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleKind;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerKind;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import picocli.CommandLine.Option;

/**
 * How a job converges ({@code --server-optimizer}, {@code --lr-schedule} and their terms): the server optimizer the
 * coordinator applies to each round's aggregate and the clients' learning rate per round. Shared by {@code fdc
 * experiment} and {@code fdc job create}, so both read the terms alike and write the same job terms.
 */
public final class OptimizationOptions {
    @Option(
            names = "--server-optimizer",
            paramLabel = "NAME",
            description = "server optimizer on each round's aggregate (Reddi et al. 2021): none (the aggregate is the"
                    + " next model, plain FedAvg), fedadam or fedyogi; composes with every --aggregator and with"
                    + " --secure (default: fedadam for an mlp in fdc experiment and fdc demo, where it reached"
                    + " centralized accuracy within 20 rounds in scripts/bench.sh parity and plain FedAvg did not;"
                    + " none otherwise)")
    String serverOptimizer;

    @Option(
            names = "--server-lr",
            paramLabel = "ETA",
            defaultValue = "0.1",
            description = "server learning rate of fedadam/fedyogi: each round moves a parameter by about this much"
                    + " at most; 0.1 reached centralized accuracy within 20 rounds on standardized features in"
                    + " scripts/bench.sh parity (default: ${DEFAULT-VALUE})")
    double serverLearningRate = 0.1;

    @Option(
            names = "--server-beta1",
            defaultValue = "0.9",
            description = "server momentum of fedadam/fedyogi (default: ${DEFAULT-VALUE})")
    double serverBeta1 = 0.9;

    @Option(
            names = "--server-beta2",
            defaultValue = "0.99",
            description = "server second-moment decay of fedadam/fedyogi (default: ${DEFAULT-VALUE})")
    double serverBeta2 = 0.99;

    @Option(
            names = "--server-tau",
            defaultValue = "0.001",
            description = "adaptivity floor tau of fedadam/fedyogi (default: ${DEFAULT-VALUE})")
    double serverTau = 0.001;

    @Option(
            names = "--lr-schedule",
            paramLabel = "KIND",
            defaultValue = "constant",
            description = "clients' learning rate per round: constant; step (x --lr-decay every --lr-step-rounds);"
                    + " exponential (x --lr-decay per round); cosine (down to --lr-min over the rounds)"
                    + " (default: ${DEFAULT-VALUE})")
    String schedule = "constant";

    @Option(names = "--lr-step-rounds", paramLabel = "N", description = "rounds per step of the step schedule")
    int stepRounds;

    @Option(names = "--lr-decay", paramLabel = "GAMMA", description = "factor of the step or exponential schedule")
    double decay;

    @Option(names = "--lr-min", paramLabel = "RATE", description = "the rate the cosine schedule ends at (default 0)")
    double min;

    /**
     * The server optimizer named, or none (plain FedAvg) when {@code --server-optimizer} is not given.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public ServerOptimizerTerms server() {
        return server(ServerOptimizerKind.NONE);
    }

    /**
     * The server optimizer named, or {@code whenUnset} (with {@code --server-lr} and the other server terms) when
     * {@code --server-optimizer} is not given.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public ServerOptimizerTerms server(ServerOptimizerKind whenUnset) {
        ServerOptimizerKind kind = serverOptimizer == null
                ? whenUnset
                : kind(ServerOptimizerKind.class, serverOptimizer, "--server-optimizer");
        try {
            return kind == ServerOptimizerKind.NONE
                    ? ServerOptimizerTerms.NONE
                    : new ServerOptimizerTerms(kind, serverLearningRate, serverBeta1, serverBeta2, serverTau);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--server-optimizer " + kind.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage(), e);
        }
    }

    /** The server optimizer of an mlp unless named otherwise: FedAdam, measured to reach parity (benchmarks). */
    public ServerOptimizerTerms server(ModelFamily family) {
        return server(family == ModelFamily.MLP ? ServerOptimizerKind.FEDADAM : ServerOptimizerKind.NONE);
    }

    /** @throws IllegalArgumentException naming the option that is wrong */
    public ScheduleTerms schedule() {
        ScheduleKind kind = kind(ScheduleKind.class, schedule, "--lr-schedule");
        try {
            return new ScheduleTerms(kind, stepRounds, decay, min);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lr-schedule " + schedule + ": " + e.getMessage(), e);
        }
    }

    /** The job terms these options set (none at the defaults), in their wire form. */
    public Map<String, String> terms() {
        Map<String, String> terms = new TreeMap<>();
        server().writeTo(terms);
        schedule().writeTo(terms);
        return terms;
    }

    /** {@code "fedadam(lr=0.01), cosine learning rate"}: for a banner. */
    public static String describe(ServerOptimizerTerms server, ScheduleTerms schedule) {
        String name = server.kind() == ServerOptimizerKind.NONE
                ? "no server optimizer"
                : server.kind().name().toLowerCase(Locale.ROOT) + "(lr=" + server.learningRate() + ")";
        return name + ", " + schedule.kind().name().toLowerCase(Locale.ROOT) + " learning rate";
    }

    private static <E extends Enum<E>> E kind(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ")
                        .append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(option + " must be one of " + names + ", was '" + value + "'", e);
        }
    }
}
