package org.fdcfabric.benchmarks.devnet;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time spent by this JVM (client, gateway, peers, orderer, committer) and by its child processes (the chaincode
 * servers). Wall-clock throughput on a shared machine depends on what else runs; CPU time per operation does not,
 * so it is the number to compare across runs.
 */
final class ProcessCpu {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU nanoseconds used so far by this JVM and by its descendants. */
    Reading read() {
        long children = ProcessHandle.current()
                .descendants()
                .mapToLong(child ->
                        child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
        return new Reading(os.getProcessCpuTime(), children);
    }

    /** The 1, 5 and 15 minute load averages as {@code uptime} prints them, or what the JVM knows. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    "%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** CPU nanoseconds of this JVM and of its children at one instant. */
    record Reading(long ownNanos, long childNanos) {
        Reading minus(Reading earlier) {
            return new Reading(ownNanos - earlier.ownNanos, childNanos - earlier.childNanos);
        }

        long totalNanos() {
            return ownNanos + childNanos;
        }
    }
}
