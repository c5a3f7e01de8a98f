package org.fdcfabric.compute.aggregation.robust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.fdcfabric.protocol.InputChecks;

/**
 * Krum and multi-Krum (Blanchard et al., NeurIPS 2017): score each update by the summed squared distances to its
 * k - f - 2 nearest neighbours, keep the {@code select} lowest-scoring updates and average them weighted by
 * samples. Tolerates f Byzantine centers when k > 2f + 2; the others are REJECTED. Updates the screen already
 * rejected count against f.
 */
final class Krum implements RobustAggregator {
    private final UpdateScreen screen;
    private final int byzantine;
    private final int select;

    Krum(UpdateScreen screen, int byzantine, int select) {
        InputChecks.require(byzantine >= 0, RobustCodes.INVALID_AGGREGATION_RULE, "krum f must be >= 0");
        InputChecks.require(select >= 1, RobustCodes.INVALID_AGGREGATION_RULE, "multi-krum m must be >= 1");
        this.screen = screen;
        this.byzantine = byzantine;
        this.select = select;
    }

    @Override
    public String rule() {
        return (select == 1 ? "krum:f=" + byzantine : "multi-krum:f=" + byzantine + ",m=" + select) + screen.describe();
    }

    @Override
    public RobustAggregate aggregate(List<CenterUpdate> updates) {
        UpdateScreen.Screened s = screen.screen(updates);
        int k = s.size();
        // Updates the screen rejected are Byzantine centers already caught: they count against f.
        int f = Math.max(0, byzantine - (updates.size() - k));
        InputChecks.require(
                k > 2 * f + 2,
                RobustCodes.NOT_ENOUGH_UPDATES,
                "krum with f = " + f + " needs more than " + (2 * f + 2) + " usable updates, had " + k);
        InputChecks.require(select <= k - f, RobustCodes.NOT_ENOUGH_UPDATES, "cannot select " + select + " of " + k);
        double[][] distance = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                distance[a][b] = distance[b][a] =
                        squaredDistance(s.vectors().get(a), s.vectors().get(b));
            }
        }
        int neighbours = k - f - 2;
        double[] score = new double[k];
        for (int a = 0; a < k; a++) {
            double[] others = new double[k - 1];
            int n = 0;
            for (int b = 0; b < k; b++) {
                if (b != a) {
                    others[n++] = distance[a][b];
                }
            }
            Arrays.sort(others);
            for (int i = 0; i < neighbours; i++) {
                score[a] += others[i];
            }
        }
        List<Integer> ranked = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            ranked.add(a);
        }
        ranked.sort(Comparator.comparingDouble((Integer a) -> score[a]).thenComparing(a -> a));
        List<double[]> chosen = new ArrayList<>();
        long[] weights = new long[select];
        for (int r = 0; r < k; r++) {
            int a = ranked.get(r);
            if (r < select) {
                chosen.add(s.vectors().get(a));
                weights[r] = s.samples()[a];
            } else {
                s.downgrade(a, Verdict.REJECTED, "krum score " + score[a] + " not among the " + select + " lowest");
            }
        }
        return new RobustAggregate(rule(), WeightedMean.mean(chosen, weights), s.verdicts());
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return sum;
    }
}
