package org.fdcfabric.datacenter.governance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Counts what governance kept and rejected, step by step, from a dataset's governance report:
 * {@code fdc.center.governance.kept{step,unit}} and {@code fdc.center.governance.rejected{step,unit,reason}}.
 */
public final class GovernanceMetrics {
    private final MeterRegistry meters;

    public GovernanceMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(GovernanceReport report) {
        for (GovernanceStep step : report.steps()) {
            Counter.builder("fdc.center.governance.kept")
                    .description("items a governance step passed on (unit: rows, readings, windows, subjects)")
                    .tags("step", step.name(), "unit", step.unit())
                    .register(meters)
                    .increment(step.kept());
            for (Map.Entry<String, Long> dropped : step.droppedBy().entrySet()) {
                Counter.builder("fdc.center.governance.rejected")
                        .description("items a governance step rejected, by reason")
                        .tags("step", step.name(), "unit", step.unit(), "reason", dropped.getKey())
                        .register(meters)
                        .increment(dropped.getValue());
            }
        }
    }
}
