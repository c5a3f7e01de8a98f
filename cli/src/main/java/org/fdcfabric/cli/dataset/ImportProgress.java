package org.fdcfabric.cli.dataset;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fdcfabric.datacenter.store.imports.TableImporter;

/**
 * Shows an import's progress against the file's size: a redrawn bar on a terminal, or on a log a line at most every
 * {@link #LOG_EVERY}, each with the rows so far and the rate.
 */
final class ImportProgress implements TableImporter.Progress, AutoCloseable {
    static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final long totalBytes;
    private final LongSupplier nanos;
    private final long started;
    private final ProgressBar bar;
    private long lastLine;
    private long rows;

    ImportProgress(PrintWriter out, String file, long totalBytes, boolean terminal, LongSupplier nanos) {
        this.out = out;
        this.totalBytes = Math.max(1, totalBytes);
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastLine = started;
        this.bar = terminal
                ? new ProgressBarBuilder()
                        .setTaskName("importing " + file)
                        .setInitialMax(this.totalBytes / 1024)
                        .setUnit(" KiB", 1)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new DelegatingProgressBarConsumer(line -> {
                            out.print("\r" + line);
                            out.flush();
                        }))
                        .build()
                : null;
    }

    @Override
    public void update(long bytesRead, long rows) {
        this.rows = rows;
        long now = nanos.getAsLong();
        if (bar != null) {
            bar.stepTo(bytesRead / 1024);
            bar.setExtraMessage(String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", rows, rate(now)));
        } else if (now - lastLine >= LOG_EVERY.toNanos()) {
            lastLine = now;
            out.printf(
                    Locale.ROOT,
                    "import: %,d rows, %.0f%% of the file, %,.0f rows/s%n",
                    rows,
                    100.0 * bytesRead / totalBytes,
                    rate(now));
            out.flush();
        }
    }

    /** Rows per second since the import started. */
    double rate() {
        return rate(nanos.getAsLong());
    }

    long seconds() {
        return Duration.ofNanos(nanos.getAsLong() - started).toSeconds();
    }

    private double rate(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        return rows / seconds;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            out.println();
        }
    }
}
