package org.fdcfabric.compute.aggregation.robust;

import java.util.Arrays;
import java.util.List;
import org.fdcfabric.protocol.InputChecks;

/**
 * Coordinate-wise median (Yin et al., ICML 2018): unweighted, so a center cannot buy influence by claiming more
 * samples. With an even count it is the mean of the two middle values.
 */
final class CoordinateMedian implements RobustAggregator {
    private final UpdateScreen screen;

    CoordinateMedian(UpdateScreen screen) {
        this.screen = screen;
    }

    @Override
    public String rule() {
        return "median" + screen.describe();
    }

    @Override
    public RobustAggregate aggregate(List<CenterUpdate> updates) {
        UpdateScreen.Screened s = screen.screen(updates);
        int k = s.size();
        InputChecks.require(k >= 1, RobustCodes.NOT_ENOUGH_UPDATES, "every update was rejected");
        int length = s.vectors().get(0).length;
        float[] out = new float[length];
        double[] column = new double[k];
        for (int j = 0; j < length; j++) {
            for (int i = 0; i < k; i++) {
                column[i] = s.vectors().get(i)[j];
            }
            Arrays.sort(column);
            out[j] = (float) (k % 2 == 1 ? column[k / 2] : (column[k / 2 - 1] + column[k / 2]) / 2);
        }
        return new RobustAggregate(rule(), out, s.verdicts());
    }
}
