package org.fdcfabric.compute.coordinator;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a job's training on a console: a progress bar over its rounds with the latest federated accuracy (or MSE)
 * and distance, or, without a terminal to redraw on, one line per round. The one progress display of the
 * coordinator's callers (fdc demo, fdc experiment, the case-study benchmark).
 */
public final class ConsoleProgress implements RoundListener {
    private final PrintWriter out;
    private final String taskName;
    private final boolean bar;
    private ProgressBar progress;

    /**
     * @param taskName the bar's label; {@code null} labels it with the job id
     * @param bar redraw one bar (a terminal) rather than print a line per round (a log)
     */
    public ConsoleProgress(PrintWriter out, String taskName, boolean bar) {
        this.out = out;
        this.taskName = taskName;
        this.bar = bar;
    }

    @Override
    public void jobStarted(String jobId, int firstRound, int maxRounds) {
        if (!bar) {
            return;
        }
        progress = new ProgressBarBuilder()
                .setTaskName(taskName == null ? jobId : taskName)
                .setInitialMax(maxRounds)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    out.print("\r" + line);
                    out.flush();
                }))
                .setUnit(" rounds", 1)
                .hideEta()
                .build();
        progress.stepTo(firstRound - 1L);
    }

    @Override
    public void roundCompleted(RoundReport report) {
        if (progress == null) {
            out.println(String.format(
                    Locale.ROOT,
                    "      round %d: %s, %d participants, |dw| %s",
                    report.record().round(),
                    quality(report.evaluation(), "accuracy", "mse"),
                    report.record().participants().size(),
                    report.record().progress().distance().toPlainString()));
            out.flush();
            return;
        }
        progress.setExtraMessage(String.format(
                Locale.ROOT,
                "%s |dw| %.4g",
                quality(report.evaluation(), "acc", "mse"),
                report.record().progress().distance()));
        progress.stepTo(report.record().round());
    }

    @Override
    public void jobFinished(JobResult result) {
        if (progress != null) {
            progress.close();
            progress = null;
            out.println();
            out.flush();
        }
    }

    private static String quality(Map<String, Double> evaluation, String accuracy, String mse) {
        return evaluation.containsKey("accuracy") || !evaluation.containsKey("mse")
                ? String.format(Locale.ROOT, "%s %.4f", accuracy, evaluation.getOrDefault("accuracy", Double.NaN))
                : String.format(Locale.ROOT, "%s %.4g", mse, evaluation.get("mse"));
    }
}
