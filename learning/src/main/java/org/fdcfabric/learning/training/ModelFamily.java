package org.fdcfabric.learning.training;

import java.util.Arrays;
import java.util.Locale;

/** The model families a federation can train; the wire name is the {@code ModelArchitecture.family} of the protocol. */
public enum ModelFamily {
    /** Tribuo multinomial logistic regression (linear SGD, log-multiclass loss). */
    LOGISTIC(true),
    /** Tribuo factorization machine for classification. */
    FM(true),
    /** Tribuo linear regression (linear SGD, squared loss). */
    LINEAR(false),
    /** Dense ReLU network with a softmax output (FDC: 180-1024-128-4). */
    MLP(true);

    private final boolean classification;

    ModelFamily(boolean classification) {
        this.classification = classification;
    }

    public boolean classification() {
        return classification;
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
