package org.fdcfabric.cli.devnet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fdcfabric.cli.Terminals;
import org.fdcfabric.devnet.StartProgress;

/**
 * Shows {@code fdc devnet up}'s start-up steps as they begin: on a terminal one live line (the progress library's
 * bar with the current step and the time so far), in a log one line per step with the seconds since the start.
 */
abstract class StartSteps implements StartProgress, AutoCloseable {
    static StartSteps on(PrintWriter out) {
        return Terminals.interactive() ? new Live(out) : new Lines(out);
    }

    @Override
    public abstract void close();

    /** One line per step, for logs and pipes. */
    private static final class Lines extends StartSteps {
        private final PrintWriter out;
        private final long start = System.nanoTime();

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void step(String description) {
            double seconds = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
            out.println(String.format(Locale.ROOT, "[%5.1f s] %s", seconds, description));
            out.flush();
        }

        @Override
        public void close() {}
    }

    /** The progress library's bar of unknown length, redrawn in place with the current step. */
    private static final class Live extends StartSteps {
        private final PrintWriter out;
        private final ProgressBar bar;

        Live(PrintWriter out) {
            this.out = out;
            this.bar = new ProgressBarBuilder()
                    .setTaskName("devnet")
                    .setInitialMax(-1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        out.print("\r" + line);
                        out.flush();
                    }))
                    .setUnit(" steps", 1)
                    .build();
        }

        @Override
        public void step(String description) {
            bar.setExtraMessage(description);
            bar.step();
        }

        @Override
        public void close() {
            bar.close();
            out.println();
            out.flush();
        }
    }
}
