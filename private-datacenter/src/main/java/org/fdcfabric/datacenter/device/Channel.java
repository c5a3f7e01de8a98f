package org.fdcfabric.datacenter.device;

import java.util.Objects;

/**
 * One measured quantity of a sensor model, with the range its datasheet guarantees. Governance drops any
 * reading outside this range as physically impossible for the part.
 */
public record Channel(String name, String unit, double min, double max) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!(min < max)) {
            throw new IllegalArgumentException("channel " + name + ": min " + min + " must be below max " + max);
        }
    }

    public boolean accepts(double value) {
        return value >= min && value <= max;
    }
}
