package org.fdcfabric.compute.aggregation;

import java.util.Comparator;
import java.util.List;
import org.fdcfabric.learning.training.ModelWeights;

/**
 * Federated averaging weighted by sample counts (FDC; Calo and Lo eq. 2): {@code w = sum_k (n_k / n) w_k}.
 *
 * <p>Updates are summed in dataset-id order, so the result does not depend on arrival order and the same
 * updates give bit-identical models. The sum runs block by block (a block of the accumulator stays in the L1
 * cache while every update's slice is added into it), which is what makes it memory-bound rather than
 * cache-miss-bound.
 */
public final class FedAvg {
    /** 16 KiB of floats: the accumulator block and one update's block fit in a 32 KiB L1 data cache. */
    private static final int BLOCK = 4096;

    public ModelWeights average(List<WeightedUpdate> updates) {
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("nothing to average");
        }
        List<WeightedUpdate> ordered = updates.stream()
                .sorted(Comparator.comparing(WeightedUpdate::datasetId))
                .toList();
        ModelWeights first = ordered.get(0).weights();
        long total = 0;
        for (WeightedUpdate update : ordered) {
            if (!update.weights().spec().equals(first.spec())
                    || !update.weights().schemaHash().equals(first.schemaHash())) {
                throw new IllegalArgumentException(
                        "update of " + update.datasetId() + " has another model spec or schema than "
                                + ordered.get(0).datasetId());
            }
            total = Math.addExact(total, update.samples());
        }
        float[] scales = new float[ordered.size()];
        for (int k = 0; k < scales.length; k++) {
            scales[k] = (float) ((double) ordered.get(k).samples() / total);
        }
        int n = first.size();
        float[] accumulator = new float[n];
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            for (int k = 0; k < scales.length; k++) {
                ordered.get(k).weights().addScaledTo(accumulator, scales[k], from, to);
            }
        }
        return ModelWeights.of(first.spec(), first.schemaHash(), accumulator);
    }
}
