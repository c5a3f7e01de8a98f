package org.fdcfabric.learning.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.ucl.Task;

/**
 * Which model, of which size. Fixes the names, shapes and order of the model's tensors ({@link #layout()}), so
 * the coordinator and every center agree on what each float means.
 *
 * <p>Not {@code protocol.job.ModelSpec}: that is the job's on-chain terms (a family name and hyperparameters as
 * decimal strings); this is the shape the learning core resolves from those terms and the UCL schema (feature and
 * output counts), which the chain never stores.
 *
 * <p>Tensor layouts: {@code logistic} and {@code linear}: {@code weights [outputs][features+1]}, bias last
 * (Tribuo's layout). {@code fm}: {@code bias [outputs]}, {@code weights [outputs][features]}, and per output
 * {@code factors_k [factors][features]} (Tribuo's FMParameters order). {@code mlp}: per layer {@code denseI/kernel
 * [in][out]} then {@code denseI/bias [out]}, the last layer being the output (softmax logits, or the
 * regression value).
 */
public record ModelArchitecture(
        ModelFamily family, List<Integer> hidden, int factors, int featureCount, int outputCount) {
    private static final int MAX_PARAMETERS = 64 * 1024 * 1024;

    public ModelArchitecture {
        Objects.requireNonNull(family, "family");
        hidden = List.copyOf(hidden);
        if (featureCount < 1 || featureCount > 1_000_000) {
            throw new IllegalArgumentException("featureCount must be in 1..1000000, was " + featureCount);
        }
        if (outputCount < 1 || outputCount > 10_000) {
            throw new IllegalArgumentException("outputCount must be in 1..10000, was " + outputCount);
        }
        if (!family.supports(Task.REGRESSION) && outputCount < 2) {
            throw new IllegalArgumentException(family.wireName() + " needs at least 2 classes");
        }
        if (family != ModelFamily.MLP && !hidden.isEmpty()) {
            throw new IllegalArgumentException("only an mlp has hidden layers");
        }
        if (family == ModelFamily.MLP && hidden.isEmpty()) {
            throw new IllegalArgumentException("an mlp needs at least one hidden layer");
        }
        if (hidden.stream().anyMatch(h -> h < 1 || h > 65_536)) {
            throw new IllegalArgumentException("hidden layer widths must be in 1..65536: " + hidden);
        }
        if ((family == ModelFamily.FM) != (factors > 0) || factors < 0 || factors > 1024) {
            throw new IllegalArgumentException("factors must be in 1..1024 for fm and 0 otherwise, was " + factors);
        }
        long count = 0;
        for (TensorLayout t : computeLayout(family, hidden, factors, featureCount, outputCount)) {
            count += t.size();
        }
        if (count > MAX_PARAMETERS) {
            throw new IllegalArgumentException("model has " + count + " parameters; at most " + MAX_PARAMETERS);
        }
    }

    /** FDC's case-study network: 180 inputs, dense 1024 and 128 with ReLU, softmax over 4 activities. */
    public static ModelArchitecture fdcMlp() {
        return new ModelArchitecture(ModelFamily.MLP, List.of(1024, 128), 0, 180, 4);
    }

    public static ModelArchitecture logistic(int features, int classes) {
        return new ModelArchitecture(ModelFamily.LOGISTIC, List.of(), 0, features, classes);
    }

    public static ModelArchitecture linear(int features, int outputs) {
        return new ModelArchitecture(ModelFamily.LINEAR, List.of(), 0, features, outputs);
    }

    public static ModelArchitecture fm(int features, int classes, int factors) {
        return new ModelArchitecture(ModelFamily.FM, List.of(), factors, features, classes);
    }

    public static ModelArchitecture mlp(int features, List<Integer> hidden, int classes) {
        return new ModelArchitecture(ModelFamily.MLP, hidden, 0, features, classes);
    }

    /**
     * The task this model learns: a family that supports one task learns that one; an {@code mlp} with one output
     * is a regression model (classification needs at least two classes), with more a classifier.
     */
    public Task task() {
        if (!family.supports(Task.REGRESSION)) {
            return Task.CLASSIFICATION;
        }
        if (!family.supports(Task.CLASSIFICATION)) {
            return Task.REGRESSION;
        }
        return outputCount == 1 ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    public List<TensorLayout> layout() {
        return computeLayout(family, hidden, factors, featureCount, outputCount);
    }

    public int parameterCount() {
        List<TensorLayout> layout = layout();
        TensorLayout last = layout.get(layout.size() - 1);
        return last.offset() + last.size();
    }

    private static List<TensorLayout> computeLayout(
            ModelFamily family, List<Integer> hidden, int factors, int features, int outputs) {
        List<TensorLayout> layout = new ArrayList<>();
        int[] offset = {0};
        switch (family) {
            case LOGISTIC, LINEAR -> add(layout, offset, "weights", outputs, features + 1);
            case FM -> {
                add(layout, offset, "bias", outputs);
                add(layout, offset, "weights", outputs, features);
                for (int k = 0; k < outputs; k++) {
                    add(layout, offset, "factors_" + k, factors, features);
                }
            }
            case MLP -> {
                int in = features;
                List<Integer> widths = new ArrayList<>(hidden);
                widths.add(outputs);
                for (int i = 0; i < widths.size(); i++) {
                    int out = widths.get(i);
                    add(layout, offset, "dense" + i + "/kernel", in, out);
                    add(layout, offset, "dense" + i + "/bias", out);
                    in = out;
                }
            }
        }
        return List.copyOf(layout);
    }

    private static void add(List<TensorLayout> layout, int[] offset, String name, int... shape) {
        long size = 1;
        List<Integer> dims = new ArrayList<>();
        for (int d : shape) {
            size *= d;
            dims.add(d);
        }
        if (size > MAX_PARAMETERS) {
            throw new IllegalArgumentException("tensor " + name + " is too large: " + dims);
        }
        layout.add(new TensorLayout(name, dims, offset[0], (int) size));
        offset[0] += (int) size;
    }
}
