package org.fdcfabric.datacenter.governance;

import java.util.Objects;

/**
 * One labelled example: {@code windowSeconds} consecutive seconds of one subject inside one logged activity,
 * flattened second by second as x, y, z (FDC: 60 s x 3 axes = 180 features). The feature order matches
 * {@link Windower#featureNames()}.
 */
public record LabelledWindow(String subjectId, long startEpochSecond, Activity activity, double[] features) {
    public LabelledWindow {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(activity, "activity");
        features = features.clone();
    }

    @Override
    public double[] features() {
        return features.clone();
    }
}
