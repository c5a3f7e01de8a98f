package org.fdcfabric.datacenter.governance;

import java.util.Objects;

/**
 * One second of a wearable's tri-axial acceleration for one subject (FDC eq. 1: the raw samples of that second
 * combined), in g.
 */
public record AccelerationReading(String subjectId, long epochSecond, double x, double y, double z) {
    public AccelerationReading {
        Objects.requireNonNull(subjectId, "subjectId");
        if (subjectId.isBlank()) {
            throw new IllegalArgumentException("subjectId must not be blank");
        }
    }
}
