package org.fdcfabric.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Announces each phase of the demo on its own line and times it. */
final class PhaseClock {
    /** A finished phase and how long it took. */
    record Phase(int number, String name, long millis) {}

    /** A phase's work. */
    interface Work<T> {
        T run() throws Exception;
    }

    private final PrintWriter out;
    private final int total;
    private final List<Phase> phases = new ArrayList<>();

    PhaseClock(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    <T> T run(String name, Work<T> work) throws Exception {
        int number = phases.size() + 1;
        out.printf(Locale.ROOT, "[%d/%d] %s%n", number, total, name);
        out.flush();
        long start = System.nanoTime();
        T result = work.run();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        phases.add(new Phase(number, name, millis));
        out.printf(Locale.ROOT, "      done in %.1f s%n", millis / 1000.0);
        out.flush();
        return result;
    }

    /** Prints a detail line under the current phase. */
    void detail(String format, Object... args) {
        out.printf(Locale.ROOT, "      " + format + "%n", args);
        out.flush();
    }

    List<Phase> phases() {
        return List.copyOf(phases);
    }
}
