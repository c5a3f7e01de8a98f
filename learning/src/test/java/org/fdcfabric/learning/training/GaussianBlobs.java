package org.fdcfabric.learning.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fdcfabric.protocol.ucl.Task;

/**
 * Seeded synthetic datasets whose right answer is known: Gaussian blobs (one centre per class) and a linear
 * regression with known coefficients. Tests of the trainers, the federation and the coordinator share them. The
 * features are named out of lexicographic order on purpose, so that code relying on name order instead of the
 * schema's order fails.
 */
public final class GaussianBlobs {
    public static final DatasetSchema SCHEMA = new DatasetSchema(
            List.of("zeta", "alpha", "mid", "beta", "omega", "gamma"),
            "activity",
            List.of("eating", "sleeping", "indoor", "outdoor"),
            Task.CLASSIFICATION);

    public static final DatasetSchema REGRESSION =
            new DatasetSchema(List.of("x1", "x0", "x2"), "y", List.of(), Task.REGRESSION);

    private GaussianBlobs() {}

    public static LocalDataset classification(int n, long seed, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(4);
            float[] row = new float[6];
            for (int j = 0; j < 6; j++) {
                double centre = (j % 4 == label) ? 2.0 : 0.0;
                row[j] = (float) (centre + spread * random.nextGaussian());
            }
            rows.add(row);
            labels.add(label);
        }
        return LocalDataset.classification(SCHEMA, rows, labels);
    }

    /** y = 3 x0 - 2 x1 + 0.5 x2 + 1 + noise, with rows in schema order (x1, x0, x2). */
    public static LocalDataset regression(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x0 = random.nextGaussian();
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            rows.add(new float[] {(float) x1, (float) x0, (float) x2});
            targets.add(3 * x0 - 2 * x1 + 0.5 * x2 + 1 + 0.01 * random.nextGaussian());
        }
        return LocalDataset.regression(REGRESSION, rows, targets);
    }
}
