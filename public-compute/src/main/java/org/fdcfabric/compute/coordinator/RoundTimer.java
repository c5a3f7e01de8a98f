package org.fdcfabric.compute.coordinator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The clock of one round, kept out of the round's logic: wall-clock marks at its phases, the coordinator thread's
 * CPU time, and the steps after the last answer arrived. A plain round's critical path is building and sending
 * the requests plus everything from the last answer's arrival until the round is recorded (the intake of updates
 * that arrived earlier overlaps the wait for the others).
 */
final class RoundTimer {
    private final CpuClock cpu;
    private final long start = System.nanoTime();
    private final long cpuStart;
    private final Map<String, Long> steps = new LinkedHashMap<>();
    private long sent;
    private long sendCpu;
    private long lastArrival;
    private long aggregateCpuStart;
    private long stepStart;
    private long recorded;
    private long cpuUntilRecorded;
    private long aggregateCpu;

    RoundTimer(CpuClock cpu) {
        this.cpu = cpu;
        this.cpuStart = cpu.threadNanos();
    }

    /** The requests are out. */
    void sent() {
        sent = System.nanoTime();
        sendCpu = cpu.threadNanos() - cpuStart;
    }

    /**
     * Every answer is in; the last arrived at {@code lastArrivalNanos} (before {@link #sent()} when none came, so
     * the wait ended when the requests were out).
     */
    void answered(long lastArrivalNanos) {
        aggregateCpuStart = cpu.threadNanos();
        lastArrival = Math.max(sent, lastArrivalNanos);
    }

    /** The coordinator turns to the aggregate: whatever intake was still running after the last arrival is over. */
    void backlogCleared() {
        stepStart = System.nanoTime();
        steps.put("backlog", stepStart - lastArrival);
    }

    /** One named step of the critical path after the last arrival. */
    <T> T step(String name, Supplier<T> work) {
        long begin = System.nanoTime();
        T result = work.get();
        steps.put(name, System.nanoTime() - begin);
        return result;
    }

    void step(String name, Runnable work) {
        step(name, () -> {
            work.run();
            return null;
        });
    }

    /** The round is on chain; the steps go to {@code stageSink} (name, nanoseconds) in the order they ran. */
    void recorded(BiConsumer<String, Long> stageSink) {
        recorded = System.nanoTime();
        cpuUntilRecorded = cpu.threadNanos() - cpuStart;
        steps.forEach(stageSink);
        aggregateCpu = cpu.threadNanos() - aggregateCpuStart;
    }

    /** Since the round began. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A plain round's critical path: sending, then from the last arrival until recorded. */
    Duration criticalPath() {
        return Duration.ofNanos((sent - start) + (recorded - lastArrival));
    }

    /** A plain round's CPU on the critical path, given the intake's CPU after the last arrival. */
    Duration criticalPathCpu(long intakeCpuAfterLastArrival) {
        return Duration.ofNanos(sendCpu + intakeCpuAfterLastArrival + aggregateCpu);
    }

    /** A plain round's CPU over all the coordinator's threads, given the intake's. */
    Duration coordinatorCpu(long intakeCpu) {
        return Duration.ofNanos(sendCpu + intakeCpu + aggregateCpu);
    }

    /** A secure round's critical path: until recorded, less the time spent waiting for centers. */
    Duration untilRecordedLess(long waitingNanos) {
        return Duration.ofNanos(recorded - start - waitingNanos);
    }

    /** This thread's CPU from the round's start until it was recorded (a secure round runs on this thread). */
    Duration cpuUntilRecorded() {
        return Duration.ofNanos(cpuUntilRecorded);
    }
}
