package org.fdcfabric.learning.training;

import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.protocol.ucl.Task;

/** Computes a model's metrics on a dataset with the same forward pass for every party. */
public final class Evaluator {
    public Evaluation evaluate(ModelWeights model, LocalDataset data) {
        if (!model.schemaHash().equals(data.schema().hash())) {
            throw new IllegalArgumentException("model was built for schema " + model.schemaHash()
                    + " but the data has schema " + data.schema().hash());
        }
        Predictor predictor = Predictors.of(model);
        int outputs = model.spec().outputCount();
        double[] out = new double[outputs];
        Map<String, Double> metrics = new TreeMap<>();
        if (data.schema().task() == Task.REGRESSION) {
            double squared = 0;
            for (int i = 0; i < data.size(); i++) {
                predictor.outputs(data.rowView(i), out);
                double error = out[0] - data.target(i);
                squared += error * error;
            }
            metrics.put("mse", data.size() == 0 ? 0 : squared / data.size());
            return new Evaluation(data.size(), metrics, new long[0][]);
        }
        long[][] confusion = new long[outputs][outputs];
        double loss = 0;
        for (int i = 0; i < data.size(); i++) {
            predictor.outputs(data.rowView(i), out);
            int truth = data.classIndex(i);
            loss -= logSoftmax(out, truth);
            confusion[truth][argmax(out)]++;
        }
        int n = data.size();
        metrics.put("loss", n == 0 ? 0 : loss / n);
        metrics.put("accuracy", n == 0 ? 0 : trace(confusion) / (double) n);
        metrics.put("macro_f1", ClassificationMetrics.macroF1(confusion));
        return new Evaluation(n, metrics, confusion);
    }

    static double logSoftmax(double[] logits, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        return logits[index] - max - Math.log(sum);
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static long trace(long[][] confusion) {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return correct;
    }
}
