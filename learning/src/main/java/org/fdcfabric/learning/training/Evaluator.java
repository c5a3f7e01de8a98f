package org.fdcfabric.learning.training;

import java.util.ArrayList;
import java.util.List;
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
            // metrics are in the target's units, whatever scale the model learned the target on
            RegressionMetrics regression = new RegressionMetrics();
            TargetScale scale = data.targetScale();
            for (int i = 0; i < data.size(); i++) {
                predictor.outputs(data.rowView(i), out);
                regression.add(scale.toTarget(out[0]), scale.toTarget(data.target(i)));
            }
            return new Evaluation(data.size(), regression.metrics(), new long[0][]);
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

    /**
     * The model's outputs for each row (features in the schema's column order): class probabilities for a
     * classifier, the predicted value for a regression model.
     */
    public List<double[]> predict(ModelWeights model, DatasetSchema schema, List<float[]> rows) {
        if (!model.schemaHash().equals(schema.hash())) {
            throw new IllegalArgumentException(
                    "model was built for schema " + model.schemaHash() + " but the data has schema " + schema.hash());
        }
        Predictor predictor = Predictors.of(model);
        List<double[]> outputs = new ArrayList<>(rows.size());
        for (float[] row : rows) {
            if (row.length != model.spec().featureCount()) {
                throw new IllegalArgumentException("a row has " + row.length + " features, the model "
                        + model.spec().featureCount());
            }
            double[] out = new double[model.spec().outputCount()];
            predictor.outputs(row, out);
            if (schema.task() == Task.CLASSIFICATION) {
                double[] logits = out.clone();
                for (int k = 0; k < out.length; k++) {
                    out[k] = Math.exp(logSoftmax(logits, k));
                }
            }
            outputs.add(out);
        }
        return outputs;
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
