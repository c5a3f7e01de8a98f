package org.fdcfabric.datacenter.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The dense kernel behind the {@code mlp} family: ReLU hidden layers, linear output read as softmax logits,
 * weights in a flat float vector laid out by {@link ModelSpec#layout()} ({@code [in][out]} kernels, so the inner
 * loops run over contiguous outputs and the JIT can vectorise them). Single-threaded and in a fixed order, so
 * the same inputs give bit-identical results.
 */
final class MlpNetwork {
    private final int layers;
    private final int[] in;
    private final int[] out;
    private final int[] kernelOffset;
    private final int[] biasOffset;

    MlpNetwork(ModelSpec spec) {
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
     * Adds the cross-entropy gradient of one example to {@code grad} after {@link #forward}; returns the example's
     * loss. {@code deltas} are scratch buffers from {@link #newActivations()}.
     */
    double backward(float[] w, float[][] a, int label, float[] grad, float[][] deltas) {
        float[] logits = a[layers];
        int k = logits.length;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        float[] delta = deltas[layers];
        for (int j = 0; j < k; j++) {
            delta[j] = (float) (Math.exp(logits[j] - max) / sum);
        }
        double loss = -(logits[label] - max - Math.log(sum));
        delta[label] -= 1f;
        for (int l = layers - 1; l >= 0; l--) {
            float[] x = a[l];
            float[] d = deltas[l + 1];
            int n = out[l];
            int b = biasOffset[l];
            for (int j = 0; j < n; j++) {
                grad[b + j] += d[j];
            }
            int kernel = kernelOffset[l];
            float[] previous = deltas[l];
            for (int i = 0; i < in[l]; i++) {
                int row = kernel + i * n;
                float xi = x[i];
                if (xi != 0f) {
                    for (int j = 0; j < n; j++) {
                        grad[row + j] += xi * d[j];
                    }
                }
                if (l > 0) {
                    float s = 0f;
                    if (xi > 0f) { // ReLU derivative: zero where the unit was off
                        for (int j = 0; j < n; j++) {
                            s += w[row + j] * d[j];
                        }
                    }
                    previous[i] = s;
                }
            }
        }
        return loss;
    }
}
