package org.fdcfabric.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.coordinator.RoundReport;

/**
 * Shows training as a progress bar over the job's rounds with the latest federated accuracy, or, without a
 * terminal to redraw on, as one line per round.
 */
final class TrainingProgress implements RoundListener {
    private final PrintWriter out;
    private final boolean bar;
    private ProgressBar progress;

    TrainingProgress(PrintWriter out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void jobStarted(String jobId, int firstRound, int maxRounds) {
        if (!bar) {
            return;
        }
        progress = new ProgressBarBuilder()
                .setTaskName("      training")
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
        String line = String.format(
                Locale.ROOT,
                "round %d: accuracy %.4f, %d participants, |dw| %s",
                report.record().round(),
                report.evaluation().getOrDefault("accuracy", Double.NaN),
                report.record().participants().size(),
                report.record().distance().toPlainString());
        if (progress == null) {
            out.println("      " + line);
            out.flush();
            return;
        }
        progress.setExtraMessage(
                String.format(Locale.ROOT, "acc %.4f", report.evaluation().getOrDefault("accuracy", Double.NaN)));
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
}
