package org.fdcfabric.learning.training;

/**
 * How a regression target is standardized for training: the model learns {@code (y - center) / scale} and its
 * output {@code o} means {@code o * scale + center} in the target's units. Metrics and predictions are always in
 * the target's units, so a standardized target changes how a model trains, never what its numbers mean.
 */
public record TargetScale(double center, double scale) {
    /** The target as it is. */
    public static final TargetScale IDENTITY = new TargetScale(0, 1);

    public TargetScale {
        if (!Double.isFinite(center) || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("a target scale needs a finite centre and a positive finite scale");
        }
    }

    /** A target value as the model learns it. */
    public double toModel(double target) {
        return (target - center) / scale;
    }

    /** A model output in the target's units. */
    public double toTarget(double output) {
        return output * scale + center;
    }
}
