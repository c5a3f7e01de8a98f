package org.fdcfabric.benchmarks.convergence;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.protocol.ucl.Task;

/**
 * The benchmark harness's own preprocessing step, standing in until the federated preprocessing is on main: every
 * feature (and a regression target) is standardized with the mean and standard deviation of all centers' training
 * rows together, which is what counts, sums and sums of squares gathered across centers give; test rows are
 * transformed with the same statistics. Raw public datasets (features in the hundreds next to features below one)
 * otherwise train to NaN or to the majority class.
 */
final class HarnessStandardization {
    private HarnessStandardization() {}

    static List<CenterDataset> apply(List<CenterDataset> centers) {
        DatasetSchema schema = centers.get(0).train().schema();
        int width = schema.featureNames().size();
        double[] sum = new double[width];
        double[] squares = new double[width];
        double targetSum = 0;
        double targetSquares = 0;
        long n = 0;
        boolean regression = schema.task() == Task.REGRESSION;
        for (CenterDataset center : centers) {
            LocalDataset train = center.train();
            for (int i = 0; i < train.size(); i++) {
                float[] row = train.row(i);
                for (int j = 0; j < width; j++) {
                    sum[j] += row[j];
                    squares[j] += (double) row[j] * row[j];
                }
                if (regression) {
                    targetSum += train.target(i);
                    targetSquares += train.target(i) * train.target(i);
                }
                n++;
            }
        }
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            mean[j] = sum[j] / n;
            scale[j] = deviation(squares[j] / n - mean[j] * mean[j]);
        }
        double targetMean = targetSum / n;
        double targetScale = deviation(targetSquares / n - targetMean * targetMean);
        List<CenterDataset> out = new ArrayList<>();
        for (CenterDataset center : centers) {
            out.add(new CenterDataset(
                    center.datasetId(),
                    transform(center.train(), mean, scale, targetMean, targetScale),
                    transform(center.test(), mean, scale, targetMean, targetScale)));
        }
        return out;
    }

    private static double deviation(double variance) {
        double sd = Math.sqrt(Math.max(0, variance));
        return sd > 1e-12 ? sd : 1; // a constant column stays centred at 0
    }

    /** Rows come out of a LocalDataset in model (column) order and go back in in the schema's feature order. */
    private static LocalDataset transform(
            LocalDataset data, double[] mean, double[] scale, double targetMean, double targetScale) {
        DatasetSchema schema = data.schema();
        List<String> names = schema.featureNames();
        int[] featureIndex =
                schema.columnOrder().stream().mapToInt(names::indexOf).toArray();
        List<float[]> rows = new ArrayList<>(data.size());
        List<Integer> classes = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            float[] row = data.row(i);
            float[] out = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                out[featureIndex[j]] = (float) ((row[j] - mean[j]) / scale[j]);
            }
            rows.add(out);
            if (schema.task() == Task.CLASSIFICATION) {
                classes.add(data.classIndex(i));
            } else {
                targets.add((data.target(i) - targetMean) / targetScale);
            }
        }
        return schema.task() == Task.CLASSIFICATION
                ? LocalDataset.classification(schema, rows, classes)
                : LocalDataset.regression(schema, rows, targets);
    }
}
