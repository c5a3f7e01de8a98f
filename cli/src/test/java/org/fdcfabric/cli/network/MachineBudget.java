package org.fdcfabric.cli.network;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Timeouts for steps on this machine, derived from what the step took on a quiet 2-core machine and how busy this
 * machine is now: quiet time x {@value #SAFETY} x the load average per core (at least 1, at most {@value #MAX_LOAD}).
 * A timeout only stops a step that hangs; a slow machine gets a proportionally longer one.
 */
record MachineBudget(double loadPerCore) {

    private static final double SAFETY = 3;
    private static final double MAX_LOAD = 8;

    /** The budget for the machine's load right now (the 1-minute load average over the available cores). */
    static MachineBudget now() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        return new MachineBudget(load < 0 ? 1 : load / cores);
    }

    Duration timeoutFor(Duration quiet) {
        double factor = SAFETY * Math.min(MAX_LOAD, Math.max(1, loadPerCore));
        return Duration.ofMillis(Math.round(quiet.toMillis() * factor));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "load %.1f per core", loadPerCore);
    }
}
