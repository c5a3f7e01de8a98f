package org.fdcfabric.protocol.job;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a recorded round was aggregated: in the clear ({@value #PLAIN}) or by secure aggregation ({@value #SECURE}),
 * with which rule and parameters, whether it completed, what the secure protocol saw, and which updates a robust
 * rule did not use as sent. Absent from rounds recorded before aggregation modes existed (those are plain FedAvg).
 *
 * @param aggregator the rule's name ({@code fedavg}, {@code median}, {@code trimmed-mean}, {@code krum},
 *     {@code multi-krum})
 * @param parameters the rule's parameters as decimal strings (for example {@code beta}, {@code clip})
 * @param status {@value #COMPLETED}, or {@value #FAILED} for a secure round that fell below its threshold (it
 *     has no contributions and leaves the model unchanged)
 * @param secure present exactly when the mode is secure
 * @param flagged updates the rule rejected, clipped or trimmed away; always empty for secure rounds, whose
 *     individual updates the coordinator never sees
 */
public record RoundAggregation(
        String mode,
        String aggregator,
        Map<String, String> parameters,
        String status,
        SecureRoundSummary secure,
        List<FlaggedUpdate> flagged) {
    public static final String PLAIN = "plain";
    public static final String SECURE = "secure";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public RoundAggregation {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        flagged = flagged == null ? List.of() : List.copyOf(flagged);
    }

    /** Plain FedAvg without screening: what a round recorded without an aggregation record was. */
    public static RoundAggregation plainFedAvg() {
        return new RoundAggregation(PLAIN, "fedavg", Map.of(), COMPLETED, null, List.of());
    }

    public boolean failed() {
        return FAILED.equals(status);
    }

    public boolean secureMode() {
        return SECURE.equals(mode);
    }
}
