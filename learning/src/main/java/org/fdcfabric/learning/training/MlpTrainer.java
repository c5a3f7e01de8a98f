package org.fdcfabric.learning.training;

import java.util.SplittableRandom;
import org.fdcfabric.protocol.ucl.Task;

/**
 * Local mini-batch SGD for the {@code mlp} family, with FedProx's proximal term {@code mu/2 ||w - w_global||^2}
 * when {@code mu > 0}. Starts from the global weights. Classification minimises cross-entropy over the softmax of
 * the outputs, regression half the squared error of the one linear output; the reported loss is then the MSE.
 */
public final class MlpTrainer implements LocalTrainer {
    @Override
    public TrainingOutcome train(ModelWeights global, LocalDataset data, TrainingConfig config) {
        ModelArchitecture spec = global.spec();
        Trainers.checkCompatible(global, data);
        MlpNetwork network = new MlpNetwork(spec);
        float[] anchor = global.values();
        float[] w = anchor.clone();
        float[] grad = new float[w.length];
        int batch = Math.min(config.batchSize(), Math.max(1, data.size()));
        float[][][] a = network.newBatchActivations(batch);
        float[][][] deltas = network.newBatchActivations(batch);
        float[][] inputs = new float[batch][];
        boolean regression = spec.task() == Task.REGRESSION;
        int[] labels = new int[batch];
        double[] targets = new double[batch];
        SplittableRandom random = new SplittableRandom(config.seed());
        int[] order = identity(data.size());
        float rate = (float) config.learningRate();
        float mu = (float) config.proxMu();
        double epochLoss = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            shuffle(order, random);
            epochLoss = 0;
            for (int start = 0; start < order.length; start += config.batchSize()) {
                int end = Math.min(order.length, start + config.batchSize());
                java.util.Arrays.fill(grad, 0f);
                int count = end - start;
                for (int b = 0; b < count; b++) {
                    inputs[b] = data.rowView(order[start + b]);
                    if (regression) {
                        targets[b] = data.target(order[start + b]);
                    } else {
                        labels[b] = data.classIndex(order[start + b]);
                    }
                }
                network.forwardBatch(w, inputs, count, a);
                epochLoss += regression
                        ? network.backwardBatch(w, a, targets, count, grad, deltas)
                        : network.backwardBatch(w, a, labels, count, grad, deltas);
                float scale = rate / (end - start);
                if (mu == 0f) {
                    for (int j = 0; j < w.length; j++) {
                        w[j] -= scale * grad[j];
                    }
                } else {
                    for (int j = 0; j < w.length; j++) {
                        w[j] -= scale * grad[j] + rate * mu * (w[j] - anchor[j]);
                    }
                }
            }
        }
        return new TrainingOutcome(
                ModelWeights.adopt(spec, global.schemaHash(), w), data.size() == 0 ? 0 : epochLoss / data.size());
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
