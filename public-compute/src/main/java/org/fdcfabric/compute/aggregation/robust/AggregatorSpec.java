package org.fdcfabric.compute.aggregation.robust;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.InputChecks;

/**
 * A rule as a job's model spec names it, {@code name[:key=value[,key=value]...]}, split into the name and its
 * parameters (values as written, decimal strings), which is also how the round record carries it.
 */
public record AggregatorSpec(String name, Map<String, String> parameters) {
    private static final Pattern SPEC = Pattern.compile("[a-z-]+(:[a-z]+=[0-9.eE+-]+(,[a-z]+=[0-9.eE+-]+)*)?");
    private static final Set<String> SCREENING = Set.of("clip", "bound");
    static final Map<String, Set<String>> KEYS = Map.of(
            "fedavg", Set.of(),
            "median", Set.of(),
            "trimmed-mean", Set.of("beta"),
            "krum", Set.of("f"),
            "multi-krum", Set.of("f", "m"));

    public static final AggregatorSpec FEDAVG = new AggregatorSpec("fedavg", Map.of());

    public AggregatorSpec {
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** @throws org.fdcfabric.protocol.InvalidInputException {@code INVALID_AGGREGATION_RULE} */
    public static AggregatorSpec parse(String spec) {
        InputChecks.present(spec, RobustCodes.INVALID_AGGREGATION_RULE, "aggregation rule");
        InputChecks.require(
                spec.length() <= 120 && SPEC.matcher(spec).matches(),
                RobustCodes.INVALID_AGGREGATION_RULE,
                "aggregation rule '" + spec + "' does not read name[:key=value,...]");
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        InputChecks.require(
                KEYS.containsKey(name),
                RobustCodes.INVALID_AGGREGATION_RULE,
                "unknown aggregation rule '" + name + "' (one of " + new TreeMap<>(KEYS).keySet() + ")");
        Map<String, String> params = new TreeMap<>();
        if (colon >= 0) {
            for (String pair : spec.substring(colon + 1).split(",")) {
                String[] kv = pair.split("=", 2);
                InputChecks.require(
                        KEYS.get(name).contains(kv[0]) || SCREENING.contains(kv[0]),
                        RobustCodes.INVALID_AGGREGATION_RULE,
                        name + " takes no parameter '" + kv[0] + "'");
                InputChecks.require(
                        params.put(kv[0], kv[1]) == null,
                        RobustCodes.INVALID_AGGREGATION_RULE,
                        "parameter '" + kv[0] + "' given twice");
            }
        }
        return new AggregatorSpec(name, params);
    }

    /** Plain FedAvg without screening: the coordinator's default path. */
    public boolean isPlainFedAvg() {
        return name.equals("fedavg") && parameters.isEmpty();
    }

    /** Back to the grammar, parameters in name order. */
    public String text() {
        if (parameters.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name).append(':');
        parameters.forEach((k, v) -> out.append(k).append('=').append(v).append(','));
        return out.substring(0, out.length() - 1);
    }
}
