package org.fdcfabric.cli.compute;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Serving;
import org.fdcfabric.client.config.ConfigException;
import org.fdcfabric.client.config.InstanceLock;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.coordinator.RoundReport;
import org.fdcfabric.compute.service.ComputeConfig;
import org.fdcfabric.compute.service.ComputeService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fdc compute}: the public compute node. */
@Command(
        name = "compute",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc compute serve --config network-config/compute.yaml"},
        description = "Run the public compute node.",
        subcommands = {ComputeCommands.Serve.class})
public final class ComputeCommands {
    private ComputeCommands() {}

    /**
     * {@code fdc compute serve --config compute.yaml}: follows the chain and trains this organisation's jobs until
     * SIGTERM (or Ctrl-C). Progress is one line per round, so a log file reads well.
     */
    @Command(
            name = "serve",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc compute serve --config network-config/compute.yaml"},
            description = "Follow the collaboration channel, start and train this organisation's jobs, and hand"
                    + " final models to their payers, as the config file says.")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "<compute.yaml>", description = "The config file.")
        Path configFile;

        @Override
        public Integer call() throws Exception {
            CliContext context = ((Fdc) spec.root().userObject()).context();
            ComputeConfig config;
            try {
                config = ComputeConfig.read(configFile);
            } catch (ConfigException e) {
                throw new CommandFailed(e.getMessage(), ExitCodes.CONFIGURATION);
            }
            FdcConnection connection = context.connector().connect(config.profile(), config.identity());
            ComputeService service;
            try {
                service = ComputeService.start(
                        config,
                        connection,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        new LogLines(context.out()));
            } catch (ConfigException | InstanceLock.Locked e) {
                connection.close();
                throw new CommandFailed(e.getMessage(), ExitCodes.CONFIGURATION);
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
            Output.Fields banner = Output.fields(
                            "compute node " + connection.identity().mspId() + " is up")
                    .add(
                            "models",
                            service.modelsPort()
                                    .map(port -> config.models().get().listen().getHostString() + ":" + port)
                                    .orElse("off (no 'models' section)"))
                    .add("jobs at once", config.jobs().concurrent())
                    .add("data", config.dataDir())
                    .add(
                            "metrics",
                            service.endpoint().map(e -> e.uri().toString()).orElse("off"));
            return Serving.untilStopped(context, banner, "fdc-compute-stop", () -> {
                try {
                    service.close();
                    context.out().println("compute node stopped");
                } finally {
                    connection.close();
                }
            });
        }
    }

    /** One line per event, for a service's log. */
    private record LogLines(PrintWriter out) implements RoundListener {
        @Override
        public void jobStarted(String jobId, int firstRound, int maxRounds) {
            out.printf("job %s: training from round %d of at most %d%n", jobId, firstRound, maxRounds);
            out.flush();
        }

        @Override
        public void roundCompleted(RoundReport report) {
            out.printf(
                    "job %s: round %d recorded, %d participants, model %s%n",
                    report.record().jobId(),
                    report.record().round(),
                    report.record().participants().size(),
                    report.record().aggregateModelHash());
            out.flush();
        }

        @Override
        public void jobFinished(JobResult result) {
            out.printf(
                    "job %s: completed after %d rounds, final model %s%n",
                    result.jobId(), result.totalRounds(), result.finalModelHash());
            out.flush();
        }
    }
}
