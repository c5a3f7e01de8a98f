package org.fdcfabric.learning.training;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.fdcfabric.protocol.ucl.Task;

/** The model families a federation can train; the wire name is the {@code ModelArchitecture.family} of the protocol. */
public enum ModelFamily {
    /** Tribuo multinomial logistic regression (linear SGD, log-multiclass loss). */
    LOGISTIC(EnumSet.of(Task.CLASSIFICATION)),
    /** Tribuo factorization machine for classification. */
    FM(EnumSet.of(Task.CLASSIFICATION)),
    /** Tribuo linear regression (linear SGD, squared loss). */
    LINEAR(EnumSet.of(Task.REGRESSION)),
    /**
     * Dense ReLU network: softmax output and cross-entropy for classification (FDC: 180-1024-128-4), one linear
     * output and squared error for regression.
     */
    MLP(EnumSet.of(Task.CLASSIFICATION, Task.REGRESSION));

    private final Set<Task> tasks;

    ModelFamily(Set<Task> tasks) {
        this.tasks = Set.copyOf(tasks);
    }

    /** Whether this family can learn the task. */
    public boolean supports(Task task) {
        return tasks.contains(task);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelFamily fromWireName(String name) {
        return Arrays.stream(values())
                .filter(f -> f.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown model family '" + name + "'; expected one of logistic, fm, linear, mlp"));
    }
}
