package org.fdcfabric.compute.aggregation.robust;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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
    private static final Pattern SPEC = Pattern.compile("[a-z-]+(:[a-z]+=[0-9.eE+-]+(,[a-z]+=[0-9.eE+-]+)*)?");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "fedavg", Set.of(),
            "median", Set.of(),
            "trimmed-mean", Set.of("beta"),
            "krum", Set.of("f"),
            "multi-krum", Set.of("f", "m"));

    private RobustAggregators() {}

    /** @throws InvalidInputException {@code INVALID_AGGREGATION_RULE} for an unknown rule or a bad parameter */
    public static RobustAggregator byName(String spec) {
        InputChecks.present(spec, RobustCodes.INVALID_AGGREGATION_RULE, "aggregation rule");
        InputChecks.require(
                spec.length() <= 200 && SPEC.matcher(spec).matches(),
                RobustCodes.INVALID_AGGREGATION_RULE,
                "aggregation rule '" + spec + "' does not read name[:key=value,...]");
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        InputChecks.require(
                KEYS.containsKey(name),
                RobustCodes.INVALID_AGGREGATION_RULE,
                "unknown aggregation rule '" + name + "'");
        Map<String, Double> params = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String pair : spec.substring(colon + 1).split(",")) {
                String[] kv = pair.split("=", 2);
                InputChecks.require(
                        KEYS.get(name).contains(kv[0]) || kv[0].equals("clip") || kv[0].equals("bound"),
                        RobustCodes.INVALID_AGGREGATION_RULE,
                        name + " takes no parameter '" + kv[0] + "'");
                InputChecks.require(
                        params.put(kv[0], number(kv[1])) == null,
                        RobustCodes.INVALID_AGGREGATION_RULE,
                        "parameter '" + kv[0] + "' given twice");
            }
        }
        UpdateScreen screen = new UpdateScreen(params.getOrDefault("clip", 0.0), params.getOrDefault("bound", 0.0));
        return switch (name) {
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
