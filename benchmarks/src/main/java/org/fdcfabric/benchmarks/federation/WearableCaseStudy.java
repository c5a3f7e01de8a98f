package org.fdcfabric.benchmarks.federation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.fdcfabric.compute.coordinator.ConsoleProgress;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.experiment.ExperimentReport;
import org.fdcfabric.experiment.ExperimentRunner;
import org.fdcfabric.experiment.ExperimentSettings;
import org.fdcfabric.experiment.Strategy;
import org.fdcfabric.experiment.WearableExperimentData;
import org.fdcfabric.learning.training.ModelArchitecture;

/**
 * FDC's case study on the wearable simulator: five schools (private data centers), seven children each (six for
 * training, one held out for testing: FDC's 30 + 5 split), 60 s x 3 axes = 180 features, four activities, and
 * FDC's MLP 180-1024-128-4. Federated FedAvg (one local epoch per round) against centralized training on the
 * pooled data for the same number of epochs, and local-only; target: federated accuracy within 1 point of
 * centralized.
 *
 * <p>Arguments (all optional): rounds (default 20), learning rate (0.005), batch size (32), seed (2019), strategies
 * (default {@code federated,centralized,local-only}).
 */
public final class WearableCaseStudy {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double learningRate = args.length > 1 ? Double.parseDouble(args[1]) : 0.005;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 2019;
        EnumSet<Strategy> strategies = EnumSet.noneOf(Strategy.class);
        for (String name : (args.length > 4 ? args[4] : "federated,centralized,local-only").split(",")) {
            strategies.add(Strategy.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);

        long start = System.nanoTime();
        List<CenterDataset> centers = WearableExperimentData.build(seed, 7, 1, 1);
        System.out.printf(
                Locale.ROOT, "simulated and windowed 5 schools in %.1f s%n", (System.nanoTime() - start) / 1e9);
        TrainingPlan plan = new TrainingPlan(
                ModelArchitecture.fdcMlp(), 1, learningRate, batch, 0, 1.0, 5, Duration.ofMinutes(30), 0, seed);
        Path models = Files.createTempDirectory("fdc-case-study");
        ExperimentReport report = new ExperimentRunner(
                        models,
                        new SimpleMeterRegistry(),
                        new ConsoleProgress(new PrintWriter(System.out, true), null, true))
                .run(centers, new ExperimentSettings(plan, rounds, strategies));
        System.out.println(report.render());
        double federated = report.result(Strategy.FEDERATED).metrics().get("accuracy");
        double centralized = report.result(Strategy.CENTRALIZED).metrics().get("accuracy");
        double gap = (federated - centralized) * 100;
        System.out.printf(
                Locale.ROOT,
                "federated - centralized accuracy: %+.2f points (target: within 1 point: %s)%n",
                gap,
                Math.abs(gap) <= 1 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "(FDC paper, real data: federated 54.06%%, centralized 51.76%%)%n");
    }

    private WearableCaseStudy() {}
}
