package org.fdcfabric.benchmarks.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fdcfabric.compute.aggregation.FedAvg;
import org.fdcfabric.compute.aggregation.WeightedUpdate;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelWeights;

/**
 * FedAvg aggregation throughput for 10 centers x FDC's MLP (180-1024-128-4, 317,060 parameters), in GB/s of
 * update parameters read, on one thread (one core). Baseline: the straightforward implementation (for each
 * parameter, a double-precision weighted sum over the updates), measured in the same run. Target: at least 1
 * GB/s per core.
 */
public final class FedAvgThroughput {
    private static final int CENTERS = 10;
    private static final double SECONDS_PER_MEASUREMENT = 3;

    public static void main(String[] args) {
        ModelArchitecture spec = ModelArchitecture.fdcMlp();
        String hash = "00".repeat(32);
        SplittableRandom random = new SplittableRandom(1);
        List<WeightedUpdate> updates = new ArrayList<>();
        for (int k = 0; k < CENTERS; k++) {
            float[] values = new float[spec.parameterCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            updates.add(new WeightedUpdate("center-" + k, ModelWeights.of(spec, hash, values), 1000 + 137L * k));
        }
        double bytesPerAggregation = (double) CENTERS * spec.parameterCount() * Float.BYTES;
        FedAvg fedAvg = new FedAvg();

        // warm-up so both paths are compiled before measuring
        measure(() -> fedAvg.average(updates), 1);
        measure(() -> naive(updates), 1);
        double fast = measure(() -> fedAvg.average(updates), SECONDS_PER_MEASUREMENT);
        double slow = measure(() -> naive(updates), SECONDS_PER_MEASUREMENT);
        checkSame(fedAvg.average(updates), naive(updates));

        System.out.printf(
                Locale.ROOT,
                "FedAvg, %d centers x FDC MLP (%,d parameters, %.2f MB per aggregation)%n",
                CENTERS,
                spec.parameterCount(),
                bytesPerAggregation / 1e6);
        System.out.printf(
                Locale.ROOT,
                "  blocked FedAvg : %8.3f ms per aggregation, %6.2f GB/s%n",
                fast * 1e3,
                bytesPerAggregation / fast / 1e9);
        System.out.printf(
                Locale.ROOT,
                "  naive baseline : %8.3f ms per aggregation, %6.2f GB/s%n",
                slow * 1e3,
                bytesPerAggregation / slow / 1e9);
        System.out.printf(
                Locale.ROOT,
                "  speed-up       : %.2fx (target: >= 1 GB/s per core: %s)%n",
                slow / fast,
                bytesPerAggregation / fast / 1e9 >= 1 ? "met" : "NOT met");
    }

    /** What one writes first: per parameter, a double-precision weighted sum over the updates. */
    static float[] naive(List<WeightedUpdate> updates) {
        long total = 0;
        for (WeightedUpdate u : updates) {
            total += u.samples();
        }
        int n = updates.get(0).weights().size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (WeightedUpdate u : updates) {
                sum += (double) u.samples() / total * u.weights().valueAt(i);
            }
            out[i] = (float) sum;
        }
        return out;
    }

    private static void checkSame(ModelWeights fast, float[] slow) {
        for (int i = 0; i < slow.length; i++) {
            if (Math.abs(fast.valueAt(i) - slow[i]) > 1e-4) {
                throw new IllegalStateException("FedAvg and the baseline disagree at parameter " + i);
            }
        }
    }

    /** Seconds per call, averaged over as many calls as fit in {@code seconds}. */
    private static double measure(Runnable task, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int calls = 0;
        do {
            task.run();
            calls++;
        } while (System.nanoTime() < deadline);
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    private FedAvgThroughput() {}
}
