package org.fdcfabric.benchmarks.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wall time per named step over repeated rounds; reports the median, which shrugs off GC and noisy neighbours. */
final class PhaseTimes {
    private final Map<String, List<Long>> samples = new LinkedHashMap<>();

    void add(String phase, long nanos) {
        samples.computeIfAbsent(phase, p -> new ArrayList<>()).add(nanos);
    }

    /** Median of the per-round totals of a step, in milliseconds. */
    double medianMillis(String phase) {
        List<Long> values = new ArrayList<>(samples.getOrDefault(phase, List.of()));
        if (values.isEmpty()) {
            return 0;
        }
        values.sort(null);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
        return median / 1e6;
    }

    List<String> phases() {
        return List.copyOf(samples.keySet());
    }
}
