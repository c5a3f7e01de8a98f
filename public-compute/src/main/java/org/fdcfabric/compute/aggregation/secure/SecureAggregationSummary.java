package org.fdcfabric.compute.aggregation.secure;

import java.util.List;

/**
 * What the round record carries about a secure-aggregation round: who took part at each step, who dropped, whose
 * revealed shares were wrong and, if the round failed, why. Canonical-JSON friendly (no floating point).
 *
 * @param failure the failure's name, or absent (null) when the round completed
 */
public record SecureAggregationSummary(
        String status,
        String failure,
        int threshold,
        List<String> advertised,
        List<String> survivors,
        List<String> dropped,
        List<String> responders,
        List<String> wrongShareHolders,
        long totalSamples) {
    public SecureAggregationSummary {
        advertised = List.copyOf(advertised);
        survivors = List.copyOf(survivors);
        dropped = List.copyOf(dropped);
        responders = List.copyOf(responders);
        wrongShareHolders = List.copyOf(wrongShareHolders);
    }
}
