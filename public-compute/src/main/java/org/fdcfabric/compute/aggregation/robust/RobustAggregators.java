package org.fdcfabric.compute.aggregation.robust;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * Builds the aggregator a job's model spec names. Grammar: {@code name[:key=value[,key=value]...]} with names
 * {@code fedavg}, {@code median}, {@code trimmed-mean} (beta, default 0.2), {@code krum} (f, default 1) and
 * {@code multi-krum} (f, default 1; m, how many to average, default 2), and for every rule the
 * screening options {@code clip} (L2 norm bound, scale down) and {@code bound} (max |value|, reject). Examples:
 * {@code median}, {@code trimmed-mean:beta=0.1}, {@code multi-krum:f=1,m=3}, {@code fedavg:clip=5}.
 */
public final class RobustAggregators {
    private RobustAggregators() {}

    /** @throws InvalidInputException {@code INVALID_AGGREGATION_RULE} for an unknown rule or a bad parameter */
    public static RobustAggregator byName(String spec) {
        return of(AggregatorSpec.parse(spec));
    }

    /** @throws InvalidInputException {@code INVALID_AGGREGATION_RULE} for a bad parameter */
    public static RobustAggregator of(AggregatorSpec spec) {
        Map<String, Double> params = new LinkedHashMap<>();
        spec.parameters().forEach((k, v) -> params.put(k, number(v)));
        UpdateScreen screen = new UpdateScreen(params.getOrDefault("clip", 0.0), params.getOrDefault("bound", 0.0));
        return switch (spec.name()) {
            case "fedavg" -> new WeightedMean(screen);
            case "median" -> new CoordinateMedian(screen);
            case "trimmed-mean" -> new TrimmedMean(screen, params.getOrDefault("beta", 0.2));
            case "krum" -> new Krum(screen, integer(params.getOrDefault("f", 1.0)), 1);
            default -> new Krum(screen, integer(params.getOrDefault("f", 1.0)), integer(params.getOrDefault("m", 2.0)));
        };
    }

    private static double number(String text) {
        try {
            double value = Double.parseDouble(text);
            InputChecks.require(
                    Double.isFinite(value), RobustCodes.INVALID_AGGREGATION_RULE, "'" + text + "' is not finite");
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(RobustCodes.INVALID_AGGREGATION_RULE, "'" + text + "' is not a number");
        }
    }

    private static int integer(double value) {
        InputChecks.require(
                value == Math.rint(value) && value >= 0 && value <= 1000,
                RobustCodes.INVALID_AGGREGATION_RULE,
                value + " is not a small whole number");
        return (int) value;
    }
}
