package org.fdcfabric.learning.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The dense kernel behind the {@code mlp} family: ReLU hidden layers, a linear output read as softmax logits
 * (classification) or as the predicted value (regression),
 * weights in a flat float vector laid out by {@link ModelArchitecture#layout()} ({@code [in][out]} kernels, so the inner
 * loops run over contiguous outputs and the JIT can vectorise them). Single-threaded and in a fixed order, so
 * the same inputs give bit-identical results.
 */
final class MlpNetwork {
    private final int layers;
    private final int[] in;
    private final int[] out;
    private final int[] kernelOffset;
    private final int[] biasOffset;

    MlpNetwork(ModelArchitecture spec) {
        if (spec.family() != ModelFamily.MLP) {
            throw new IllegalArgumentException("not an mlp: " + spec.family());
        }
        List<Integer> widths = new ArrayList<>(spec.hidden());
        widths.add(spec.outputCount());
        layers = widths.size();
        in = new int[layers];
        out = new int[layers];
        kernelOffset = new int[layers];
        biasOffset = new int[layers];
        List<TensorLayout> layout = spec.layout();
        int previous = spec.featureCount();
        for (int l = 0; l < layers; l++) {
            in[l] = previous;
            out[l] = widths.get(l);
            kernelOffset[l] = layout.get(2 * l).offset();
            biasOffset[l] = layout.get(2 * l + 1).offset();
            previous = out[l];
        }
    }

    /** Activation buffers: index 0 holds the input, index l+1 the output of layer l. */
    float[][] newActivations() {
        float[][] a = new float[layers + 1][];
        a[0] = new float[in[0]];
        for (int l = 0; l < layers; l++) {
            a[l + 1] = new float[out[l]];
        }
        return a;
    }

    int outputs() {
        return out[layers - 1];
    }

    /** Forward pass; the logits end up in {@code a[layers]}. */
    void forward(float[] w, float[] input, float[][] a) {
        System.arraycopy(input, 0, a[0], 0, input.length);
        for (int l = 0; l < layers; l++) {
            float[] x = a[l];
            float[] z = a[l + 1];
            int n = out[l];
            System.arraycopy(w, biasOffset[l], z, 0, n);
            int k = kernelOffset[l];
            for (int i = 0; i < in[l]; i++, k += n) {
                float xi = x[i];
                if (xi == 0f) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    z[j] += xi * w[k + j];
                }
            }
            if (l < layers - 1) {
                for (int j = 0; j < n; j++) {
                    if (z[j] < 0f) {
                        z[j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Forward pass of a mini-batch: {@code activations[l][b]} is sample b's output of layer l-1 (index 0 holds
     * the inputs, copied in). Loops run weight-row by weight-row over the whole batch, so each row of a kernel is
     * read once per batch instead of once per sample.
     */
    void forwardBatch(float[] w, float[][] inputs, int count, float[][][] activations) {
        for (int b = 0; b < count; b++) {
            System.arraycopy(inputs[b], 0, activations[0][b], 0, in[0]);
        }
        for (int l = 0; l < layers; l++) {
            float[][] x = activations[l];
            float[][] z = activations[l + 1];
            int n = out[l];
            for (int b = 0; b < count; b++) {
                System.arraycopy(w, biasOffset[l], z[b], 0, n);
            }
            int k = kernelOffset[l];
            for (int i = 0; i < in[l]; i++, k += n) {
                for (int b = 0; b < count; b++) {
                    float xi = x[b][i];
                    if (xi == 0f) {
                        continue;
                    }
                    float[] zb = z[b];
                    for (int j = 0; j < n; j++) {
                        zb[j] += xi * w[k + j];
                    }
                }
            }
            if (l < layers - 1) {
                for (int b = 0; b < count; b++) {
                    float[] zb = z[b];
                    for (int j = 0; j < n; j++) {
                        if (zb[j] < 0f) {
                            zb[j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds the summed cross-entropy gradient of a mini-batch to {@code grad} after {@link #forwardBatch}; returns
     * the batch's summed loss. {@code deltas} are scratch buffers shaped like the activations.
     */
    double backwardBatch(float[] w, float[][][] a, int[] labels, int count, float[] grad, float[][][] deltas) {
        double loss = 0;
        int k = out[layers - 1];
        for (int b = 0; b < count; b++) {
            float[] logits = a[layers][b];
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[j] - max);
            }
            float[] delta = deltas[layers][b];
            for (int j = 0; j < k; j++) {
                delta[j] = (float) (Math.exp(logits[j] - max) / sum);
            }
            loss -= logits[labels[b]] - max - Math.log(sum);
            delta[labels[b]] -= 1f;
        }
        backpropagate(w, a, count, grad, deltas);
        return loss;
    }

    /**
     * Regression: adds the summed gradient of half the squared error {@code (y_hat - y)^2 / 2} of a mini-batch to
     * {@code grad} after {@link #forwardBatch} (output delta {@code y_hat - y}); returns the batch's summed squared
     * error, so that loss divided by samples is the MSE every evaluation reports.
     */
    double backwardBatch(float[] w, float[][][] a, double[] targets, int count, float[] grad, float[][][] deltas) {
        if (out[layers - 1] != 1) {
            throw new IllegalStateException("a regression mlp has one output, this one " + out[layers - 1]);
        }
        double loss = 0;
        for (int b = 0; b < count; b++) {
            double error = a[layers][b][0] - targets[b];
            deltas[layers][b][0] = (float) error;
            loss += error * error;
        }
        backpropagate(w, a, count, grad, deltas);
        return loss;
    }

    /** Back-propagates the output deltas in {@code deltas[layers]} through every layer, adding into {@code grad}. */
    private void backpropagate(float[] w, float[][][] a, int count, float[] grad, float[][][] deltas) {
        for (int l = layers - 1; l >= 0; l--) {
            float[][] x = a[l];
            float[][] d = deltas[l + 1];
            int n = out[l];
            int bias = biasOffset[l];
            for (int b = 0; b < count; b++) {
                float[] db = d[b];
                for (int j = 0; j < n; j++) {
                    grad[bias + j] += db[j];
                }
            }
            int kernel = kernelOffset[l];
            float[][] previous = deltas[l];
            for (int i = 0; i < in[l]; i++) {
                int row = kernel + i * n;
                for (int b = 0; b < count; b++) {
                    float xi = x[b][i];
                    float[] db = d[b];
                    if (xi != 0f) {
                        for (int j = 0; j < n; j++) {
                            grad[row + j] += xi * db[j];
                        }
                    }
                    if (l > 0) {
                        float s = 0f;
                        if (xi > 0f) { // ReLU derivative: zero where the unit was off
                            for (int j = 0; j < n; j++) {
                                s += w[row + j] * db[j];
                            }
                        }
                        previous[b][i] = s;
                    }
                }
            }
        }
    }

    /** Buffers for {@link #forwardBatch}: {@code [layer][sample][unit]}. */
    float[][][] newBatchActivations(int batch) {
        float[][][] a = new float[layers + 1][batch][];
        for (int b = 0; b < batch; b++) {
            a[0][b] = new float[in[0]];
            for (int l = 0; l < layers; l++) {
                a[l + 1][b] = new float[out[l]];
            }
        }
        return a;
    }
}
