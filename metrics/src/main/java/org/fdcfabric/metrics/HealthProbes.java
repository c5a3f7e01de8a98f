package org.fdcfabric.metrics;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a long-running service says about itself beside its metrics: {@code live} (the process works; a supervisor
 * restarts it when false) and {@code ready} (it serves requests now; false while starting and while draining).
 */
public record HealthProbes(BooleanSupplier live, BooleanSupplier ready) {
    public HealthProbes {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(ready, "ready");
    }
}
