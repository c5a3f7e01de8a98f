package org.fdcfabric.compute.aggregation.robust;

import java.util.List;
import org.fdcfabric.protocol.InputChecks;

/** FedAvg (sample-weighted mean) over the screened updates; with clipping, the "clipped FedAvg" defence. */
final class WeightedMean implements RobustAggregator {
    private final UpdateScreen screen;

    WeightedMean(UpdateScreen screen) {
        this.screen = screen;
    }

    @Override
    public String rule() {
        return "fedavg" + screen.describe();
    }

    @Override
    public RobustAggregate aggregate(List<CenterUpdate> updates) {
        UpdateScreen.Screened s = screen.screen(updates);
        InputChecks.require(s.size() >= 1, RobustCodes.NOT_ENOUGH_UPDATES, "every update was rejected");
        return new RobustAggregate(rule(), mean(s.vectors(), s.samples()), s.verdicts());
    }

    static float[] mean(List<double[]> vectors, long[] weights) {
        double total = 0;
        for (long w : weights) {
            total += w;
        }
        double[] sum = new double[vectors.get(0).length];
        for (int i = 0; i < vectors.size(); i++) {
            double w = weights[i] / total;
            double[] v = vectors.get(i);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += w * v[j];
            }
        }
        float[] out = new float[sum.length];
        for (int j = 0; j < sum.length; j++) {
            out[j] = (float) sum[j];
        }
        return out;
    }
}
