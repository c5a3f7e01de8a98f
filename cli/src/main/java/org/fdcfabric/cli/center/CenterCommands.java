package org.fdcfabric.cli.center;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.datacenter.service.CenterConfig;
import org.fdcfabric.datacenter.service.CenterService;
import org.fdcfabric.datacenter.service.StartRefused;
import org.fdcfabric.protocol.ucl.Ucl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fdc center}: an institution's private data center. */
@Command(
        name = "center",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc center serve --config network-config/center.yaml"},
        description = "Run an institution's private data center.",
        subcommands = {CenterCommands.Serve.class})
public final class CenterCommands {
    private CenterCommands() {}

    /**
     * {@code fdc center serve --config center.yaml}: serves until SIGTERM (or Ctrl-C), then drains the calls in
     * flight within the configured deadline. A bad config or a refused start is exit 8 with one message.
     */
    @Command(
            name = "serve",
            footerHeading = HelpText.EXAMPLES,
            footer = {
                "  fdc center serve --config network-config/center.yaml",
                "  fdc center serve --config /etc/fdc/center.yaml   # e.g. under systemd"
            },
            description = "Serve Federation (plain and secure aggregation), edge ingest, metrics and health probes"
                    + " for this institution's datasets and tables, as its config file says.")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "<center.yaml>", description = "The config file.")
        Path configFile;

        @Override
        public Integer call() throws Exception {
            CliContext context = ((Fdc) spec.root().userObject()).context();
            CenterConfig config;
            try {
                config = CenterConfig.read(configFile, context.environment());
            } catch (ConfigException e) {
                throw new CommandFailed(e.getMessage(), ExitCodes.CONFIGURATION);
            }
            FdcConnection owner = context.connector().connect(config.profile(), config.identity());
            CenterService center;
            try {
                center = CenterService.start(
                        config,
                        owner,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        context.clock(),
                        context.random());
            } catch (StartRefused e) {
                owner.close();
                throw new CommandFailed(e.getMessage(), ExitCodes.CONFIGURATION);
            } catch (RuntimeException e) {
                owner.close();
                throw e;
            }
            Output.Fields banner = Output.fields("center " + owner.identity().mspId() + " is up")
                    .add("federation", config.listen().getHostString() + ":" + center.federationPort())
                    .add("advertised", config.advertisedAddress().toString())
                    .add(
                            "datasets",
                            String.join(
                                    ", ", center.served().stream().map(Ucl::id).toList()))
                    .add("edge", center.edgePort().map(p -> "port " + p).orElse("off"))
                    .add(
                            "metrics",
                            center.endpoint().map(e -> e.uri().toString()).orElse("off"));
            return Serving.untilStopped(context, banner, "fdc-center-stop", () -> {
                try {
                    context.out()
                            .println(
                                    center.drain()
                                            ? "center stopped: every call in flight finished"
                                            : "center stopped: calls still running at the drain deadline were"
                                                    + " cut off");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    owner.close();
                }
            });
        }
    }
}
