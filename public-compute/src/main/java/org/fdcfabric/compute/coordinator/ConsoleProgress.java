package org.fdcfabric.compute.coordinator;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar over a job's rounds, showing the latest federated accuracy (or MSE) and distance. */
public final class ConsoleProgress implements RoundListener {
    private final PrintStream out;
    private ProgressBar bar;

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void jobStarted(String jobId, int firstRound, int maxRounds) {
        bar = new ProgressBarBuilder()
                .setTaskName(jobId)
                .setInitialMax(maxRounds)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" rounds", 1)
                .hideEta()
                .build();
        bar.stepTo(firstRound - 1L);
    }

    @Override
    public void roundCompleted(RoundReport report) {
        if (bar == null) {
            return;
        }
        var evaluation = report.evaluation();
        String quality = evaluation.containsKey("accuracy")
                ? String.format(Locale.ROOT, "acc %.4f", evaluation.get("accuracy"))
                : String.format(Locale.ROOT, "mse %.4g", evaluation.getOrDefault("mse", Double.NaN));
        bar.setExtraMessage(String.format(
                Locale.ROOT, "%s |dw| %.4g", quality, report.record().distance()));
        bar.stepTo(report.record().round());
    }

    @Override
    public void jobFinished(JobResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
