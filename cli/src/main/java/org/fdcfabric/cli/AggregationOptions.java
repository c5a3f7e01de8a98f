package org.fdcfabric.cli;

import org.fdcfabric.compute.job.AggregationPlan;
import picocli.CommandLine.Option;

/**
 * How the federated rounds of a command aggregate ({@code --secure}, {@code --aggregator}): plain FedAvg, a robust
 * rule, or secure aggregation. Shared by {@code fdc demo} and {@code fdc experiment}, so both read a rule alike.
 */
public final class AggregationOptions {
    @Option(
            names = "--secure",
            description = "secure aggregation: each data center masks its update so the coordinator learns only the"
                    + " sum (needs at least 2 centers; combines with --aggregator fedavg only)")
    boolean secure;

    @Option(
            names = "--aggregator",
            paramLabel = "RULE",
            defaultValue = "fedavg",
            description = "aggregation rule: fedavg, median, trimmed-mean[:beta=B], krum[:f=F], multi-krum[:f=F,m=M],"
                    + " each optionally with clip=N (L2 norm) and bound=N (max |value|), e.g. trimmed-mean:beta=0.2,clip=5"
                    + " (default: ${DEFAULT-VALUE})")
    String aggregator = "fedavg";

    public boolean secure() {
        return secure;
    }

    public String aggregator() {
        return aggregator;
    }

    /** The plan these options ask for; a rule that does not parse is an {@link IllegalArgumentException}. */
    public AggregationPlan plan() {
        try {
            return AggregationPlan.of(secure, aggregator, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--aggregator: " + e.getMessage(), e);
        }
    }

    /** {@code "secure fedavg"}, {@code "median"}: how the rounds aggregate, for a banner. */
    public String describe() {
        return (secure ? "secure " : "") + aggregator;
    }
}
