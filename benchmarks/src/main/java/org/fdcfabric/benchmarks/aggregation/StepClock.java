package org.fdcfabric.benchmarks.aggregation;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Times one protocol step: for the centers, each center's share of the step separately (so the report can give
 * both the slowest center and the sum over centers); for the coordinator, the whole step.
 */
final class StepClock {
    private final PhaseTimes times;

    StepClock(PhaseTimes times) {
        this.times = times;
    }

    void centers(String step, List<String> ids, Consumer<String> work) {
        long slowest = 0;
        long all = 0;
        for (String id : ids) {
            long start = System.nanoTime();
            work.accept(id);
            long took = System.nanoTime() - start;
            slowest = Math.max(slowest, took);
            all += took;
        }
        times.add("centers: " + step + " (slowest)", slowest);
        times.add("centers: " + step + " (all)", all);
    }

    <T> T coordinator(String step, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        times.add("coordinator: " + step, System.nanoTime() - start);
        return result;
    }
}
