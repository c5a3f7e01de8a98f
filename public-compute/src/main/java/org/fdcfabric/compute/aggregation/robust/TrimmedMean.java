package org.fdcfabric.compute.aggregation.robust;

import java.util.List;
import org.fdcfabric.protocol.InputChecks;

/**
 * Coordinate-wise beta-trimmed mean (Yin et al., ICML 2018): in every coordinate, drop the floor(beta * k) largest
 * and smallest values and average the rest, unweighted. An update trimmed away in most coordinates is flagged
 * TRIMMED: that is what an outlying (possibly poisoned) update looks like.
 */
final class TrimmedMean implements RobustAggregator {
    private final UpdateScreen screen;
    private final double beta;

    TrimmedMean(UpdateScreen screen, double beta) {
        InputChecks.require(
                beta >= 0 && beta < 0.5, RobustCodes.INVALID_AGGREGATION_RULE, "trimmed-mean beta must be in [0, 0.5)");
        this.screen = screen;
        this.beta = beta;
    }

    @Override
    public String rule() {
        return "trimmed-mean:beta=" + beta + screen.describe();
    }

    @Override
    public RobustAggregate aggregate(List<CenterUpdate> updates) {
        UpdateScreen.Screened s = screen.screen(updates);
        int k = s.size();
        int trim = (int) Math.floor(beta * k);
        InputChecks.require(
                k >= 1 && k - 2 * trim >= 1,
                RobustCodes.NOT_ENOUGH_UPDATES,
                k + " usable updates; cannot trim " + trim);
        int length = s.vectors().get(0).length;
        float[] out = new float[length];
        long[] trimmedCount = new long[k];
        double[] column = new double[k];
        int[] order = new int[k];
        for (int j = 0; j < length; j++) {
            for (int i = 0; i < k; i++) {
                column[i] = s.vectors().get(i)[j];
            }
            sortIndices(column, order);
            double sum = 0;
            for (int r = 0; r < k; r++) {
                if (r < trim || r >= k - trim) {
                    trimmedCount[order[r]]++;
                } else {
                    sum += column[order[r]];
                }
            }
            out[j] = (float) (sum / (k - 2 * trim));
        }
        for (int i = 0; i < k; i++) {
            if (trim > 0 && trimmedCount[i] * 2 > length) {
                s.downgrade(i, Verdict.TRIMMED, "trimmed in " + trimmedCount[i] + " of " + length + " coordinates");
            }
        }
        return new RobustAggregate(rule(), out, s.verdicts());
    }

    /** Insertion sort of indices by value: k is a handful of centers, so this beats boxing for every coordinate. */
    private static void sortIndices(double[] values, int[] order) {
        for (int i = 0; i < order.length; i++) {
            int current = i;
            int r = i - 1;
            while (r >= 0 && values[order[r]] > values[current]) {
                order[r + 1] = order[r];
                r--;
            }
            order[r + 1] = current;
        }
    }
}
