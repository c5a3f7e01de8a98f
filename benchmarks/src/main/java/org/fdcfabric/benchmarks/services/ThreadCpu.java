package org.fdcfabric.benchmarks.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time a JVM's threads have used, by what they do: the JIT compilers, the garbage collector and VM thread,
 * and the rest (the application's own threads), read from Linux's {@code /proc/PID/task/TID/stat}. A JVM's
 * compiler and collector threads keep their names, so the split tells how much of a process's CPU went to
 * compiling and collecting rather than to its calls. Threads that ended between two readings drop out of the split
 * (the process total still counts them); on a system without {@code /proc} the split is empty.
 */
final class ThreadCpu {
    static final String JIT = "JIT";
    static final String GC = "GC+VM";
    static final String REST = "threads";
    static final List<String> KINDS = List.of(JIT, GC, REST);

    /** Clock ticks per second of {@code /proc}'s times ({@code USER_HZ}), 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ThreadCpu() {}

    /** The CPU time of process {@code pid}'s live threads by kind; empty when {@code /proc} cannot be read. */
    static Map<String, Duration> of(long pid) {
        Map<String, Duration> kinds = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm"), StandardCharsets.UTF_8)
                            .strip();
                    String stat = Files.readString(thread.resolve("stat"), StandardCharsets.UTF_8);
                    // the fields after the name in parentheses (which may itself contain spaces): state is the
                    // first, utime and stime the 12th and 13th
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    kinds.merge(
                            kind(name), Duration.ofNanos(Math.round(ticks / TICKS_PER_SECOND * 1e9)), Duration::plus);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read: it drops out of the split
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return kinds;
    }

    private static String kind(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return JIT;
        }
        if (threadName.startsWith("GC Thread")
                || threadName.startsWith("G1 ")
                || threadName.startsWith("VM Thread")
                || threadName.startsWith("VM Periodic")) {
            return GC;
        }
        return REST;
    }
}
