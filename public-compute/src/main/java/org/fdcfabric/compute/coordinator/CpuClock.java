package org.fdcfabric.compute.coordinator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread. The coordinator reports it next to wall time because on a shared machine wall
 * time also counts the time other processes held the cores.
 */
final class CpuClock {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean supported = threads.isCurrentThreadCpuTimeSupported();

    /** Nanoseconds of CPU the calling thread has used; 0 where the JVM cannot measure it. */
    long threadNanos() {
        return supported ? threads.getCurrentThreadCpuTime() : 0;
    }
}
