package org.fdcfabric.cli.devnet;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ConnectionDefaults;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.JsonOption;
import org.fdcfabric.cli.MetricsOptions;
import org.fdcfabric.cli.Output;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.config.InstanceLock;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.profile.LoadedProfile;
import org.fdcfabric.client.profile.ProfileReader;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.devnet.ledger.ChainCheck;
import org.fdcfabric.devnet.ledger.DamagePolicy;
import org.fdcfabric.devnet.ledger.LedgerException;
import org.fdcfabric.devnet.ledger.MvStoreLedger;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsEndpoint;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fdc devnet}: the embedded single-machine network. */
@Command(
        name = "devnet",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc devnet up", "  fdc devnet status --as alice", "  fdc devnet reset --yes"},
        description = "Run and inspect the embedded single-machine network.",
        subcommands = {
            DevnetCommands.Up.class,
            DevnetCommands.Status.class,
            DevnetCommands.Verify.class,
            DevnetCommands.Reset.class
        })
public final class DevnetCommands {
    /**
     * The gateway's port: 27051, in the range 27050-27059 kept for the devnet, away from every port a Fabric node
     * listens on by default (7050-7054, 9443, 9444) and from those {@code network-config} gives its peers, CAs and
     * orderer (6054-22054), so a devnet and a real node on one machine never collide.
     */
    static final String DEFAULT_PORT = "27051";

    /** The file in the data directory that holds the running devnet's operating-system lock and pid. */
    static final String LOCK_FILE = "devnet.lock";
    /** The Prometheus exporters' customary port. */
    static final int DEFAULT_METRICS_PORT = 9464;

    @Command(
            name = "up",
            footerHeading = HelpText.EXAMPLES,
            footer = {
                "  fdc devnet up",
                "  fdc devnet up --port 0 --dir /tmp/fdc-devnet --no-metrics",
                "  fdc devnet up --port 0 --json   # one JSON line on stdout once it serves"
            },
            description =
                    "Start the devnet in the foreground (Ctrl-C stops it); it writes its connection profile and keeps "
                            + "ledgers, keys and certificates under --dir.")
    static final class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "<dir>", description = DIRECTORY_DESCRIPTION)
        Path directory;

        @Option(
                names = "--port",
                defaultValue = DEFAULT_PORT,
                paramLabel = "<port>",
                description = "Gateway port on 127.0.0.1 (0: any free port; default: ${DEFAULT-VALUE}).")
        int port;

        @Option(
                names = "--config",
                paramLabel = "<devnet.yaml>",
                description =
                        "Network definition (default: the built-in FDC network, chaincode jars under -Dfdc.root or the working directory).")
        Path config;

        @Option(
                names = "--truncate-damaged",
                description = "If a channel's block chain fails verification, keep its verified blocks (before the "
                        + "first bad one) instead of refusing to start; the damaged file is kept beside it.")
        boolean truncateDamaged;

        @Mixin
        MetricsOptions metrics;

        @Mixin
        JsonOption output;

        /**
         * What {@code --json} prints once the devnet serves (one line on standard output; the start-up steps go to
         * standard error then): where its gateway and metrics are, its profile and the identities in it.
         *
         * @param metrics the metrics endpoint's URI, null when off
         */
        record Started(String network, String gateway, String metrics, String profile, List<String> identities) {}

        @Override
        public Integer call() throws Exception {
            CliContext context = ((Fdc) spec.root().userObject()).context();
            Path directory = directory(this.directory, context);
            Optional<MetricsBinding> metricsAt = metrics.binding(DEFAULT_METRICS_PORT);
            DevnetConfig network = network(config);
            for (DevnetConfig.ChannelConfig channel : network.channels()) {
                for (DevnetConfig.ChaincodeConfig chaincode : channel.chaincodes()) {
                    Path jar = network.jar(chaincode);
                    if (!Files.isReadable(jar)) {
                        throw new CommandFailed(
                                "chaincode jar " + jar + " of " + chaincode.name() + " is missing; build it with "
                                        + "'mvn -pl chaincode-registration,chaincode-collaboration -am package' "
                                        + "and run fdc from the repository root (or pass --config)",
                                ExitCodes.CONFIGURATION);
                    }
                }
            }
            // One devnet per directory: a second one would fail deep inside its ledger store, so refuse it here,
            // naming the running one.
            InstanceLock lock;
            try {
                lock = InstanceLock.acquire(directory, LOCK_FILE, "devnet", "--dir");
            } catch (InstanceLock.Locked e) {
                throw new CommandFailed(e.getMessage(), ExitCodes.CONFLICT);
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            MetricsEndpoint endpoint = null;
            Devnet devnet;
            try (StartSteps steps = StartSteps.on(output.json() ? context.err() : context.out())) {
                // bind the metrics port first: a taken port fails before the devnet has started anything
                endpoint = metricsAt.isEmpty() ? null : MetricsOptions.start(metricsAt.get(), registry);
                devnet = Devnet.start(
                        network,
                        directory,
                        port,
                        registry,
                        truncateDamaged ? DamagePolicy.TRUNCATE : DamagePolicy.REFUSE,
                        steps);
            } catch (LedgerException e) {
                stopAfterFailure(endpoint, lock);
                throw new CommandFailed(e.getMessage(), ExitCodes.FAILED);
            } catch (Exception | Error e) {
                stopAfterFailure(endpoint, lock);
                throw e;
            }
            // Ctrl-C runs shutdown hooks: close the devnet there, so blocks the orderer accepted are committed.
            CountDownLatch stopped = new CountDownLatch(1);
            MetricsEndpoint serving = endpoint;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                devnet.close();
                                if (serving != null) {
                                    serving.close();
                                }
                                lock.close();
                                stopped.countDown();
                            },
                            "fdc-devnet-stop"));
            ConnectionProfile profile = devnet.profile();
            Output.Fields fields = Output.fields("devnet " + profile.name() + " is up")
                    .add("gateway", profile.gateway().address())
                    .add("metrics", endpoint == null ? "off" : endpoint.uri().toString())
                    .add("profile", devnet.profileFile())
                    .add("identities", String.join(", ", profile.identities().keySet()));
            Started started = new Started(
                    profile.name(),
                    profile.gateway().address(),
                    endpoint == null ? null : endpoint.uri().toString(),
                    devnet.profileFile().toString(),
                    List.copyOf(profile.identities().keySet()));
            output.output(context.out()).print(started, fields.then("Ctrl-C stops it."));
            stopped.await();
            return ExitCodes.OK;
        }

        private static void stopAfterFailure(MetricsEndpoint endpoint, InstanceLock lock) {
            if (endpoint != null) {
                endpoint.close();
            }
            lock.close();
        }
    }

    static final String DIRECTORY_DESCRIPTION = "Data directory (default: $FDC_DEVNET_DIR, which scripts/fdc sets to "
            + "the checkout's .fdc/devnet, else ~/.local/share/fdc/devnet).";

    /** The data directory: {@code --dir}, else the default devnet's. */
    private static Path directory(Path given, CliContext context) {
        return given != null ? given : new ConnectionDefaults(context.environment()).devnetDirectory();
    }

    /** The network definition: {@code --config}, or the built-in one with its jars under {@code -Dfdc.root}. */
    private static DevnetConfig network(Path config) throws CommandFailed {
        try {
            // bin/fdc names its distribution with -Dfdc.root, so the devnet finds its chaincode jars from any
            // directory.
            Path root = Path.of(System.getProperty("fdc.root", ""));
            return config == null ? BuiltInNetwork.config(root) : DevnetConfig.load(config);
        } catch (IllegalArgumentException e) {
            throw new CommandFailed(e.getMessage(), ExitCodes.CONFIGURATION);
        }
    }

    @Command(
            name = "verify",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc devnet verify", "  fdc devnet verify --dir /tmp/fdc-devnet --json"},
            description = "Check a stopped devnet's ledgers in full: every block's hash link and data hash, that no "
                    + "committed block is missing, and every state, history and index record against the blocks. "
                    + "Changes nothing; exits 10 when a ledger is damaged.")
    static final class Verify implements Callable<Integer> {
        /** What {@code --json} prints: one entry per channel. */
        record Report(String directory, List<ChannelReport> channels) {}

        record ChannelReport(
                String channel,
                String file,
                String finding,
                long height,
                long verifiedBlocks,
                Long recordedHeight,
                String damage) {
            static ChannelReport of(ChainCheck check) {
                return new ChannelReport(
                        check.channelId(),
                        check.file().toString(),
                        check.finding().name(),
                        check.height(),
                        check.verifiedBlocks(),
                        check.recordedHeight().orElse(null),
                        check.damage().orElse(null));
            }
        }

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "<dir>", description = DIRECTORY_DESCRIPTION)
        Path directory;

        @Option(names = "--config", paramLabel = "<devnet.yaml>", description = "Network definition (its channels).")
        Path config;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext context = ((Fdc) spec.root().userObject()).context();
            Path directory = directory(this.directory, context);
            List<ChainCheck> checks = new ArrayList<>();
            for (DevnetConfig.ChannelConfig channel : network(config).channels()) {
                Path ledger = Devnet.ledgerDirectory(directory, channel.name());
                try {
                    checks.add(MvStoreLedger.verify(ledger, channel.name()));
                } catch (LedgerException e) {
                    throw new CommandFailed(e.getMessage(), ExitCodes.FAILED);
                }
            }
            Output.Fields fields = Output.fields("devnet ledgers under " + directory);
            checks.forEach(check -> fields.add(check.channelId(), check.summary()));
            new Output(context.out(), json)
                    .print(
                            new Report(
                                    directory.toString(),
                                    checks.stream().map(ChannelReport::of).toList()),
                            fields);
            List<String> damaged = checks.stream()
                    .filter(check -> !check.intact())
                    .map(ChainCheck::channelId)
                    .toList();
            if (!damaged.isEmpty()) {
                throw new CommandFailed(
                        "damaged: " + String.join(", ", damaged)
                                + "; `fdc devnet up --truncate-damaged` keeps each one's verified blocks",
                        ExitCodes.NOT_VERIFIED);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "reset",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc devnet reset --yes", "  fdc devnet reset --dir /tmp/fdc-devnet --yes --json"},
            description = "Delete the devnet's data (ledgers, keys, certificates, profile); it must not be running.")
    static final class Reset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "<dir>", description = DIRECTORY_DESCRIPTION)
        Path directory;

        @Option(names = "--yes", description = "Really delete it.")
        boolean yes;

        @Mixin
        JsonOption format;

        /** What {@code --json} prints: the directory and whether anything was there to delete. */
        record Cleared(String directory, boolean deleted) {}

        @Override
        public Integer call() throws Exception {
            CliContext context = ((Fdc) spec.root().userObject()).context();
            Output output = format.output(context.out());
            Path directory = directory(this.directory, context);
            if (!Files.exists(directory)) {
                output.print(
                        new Cleared(directory.toAbsolutePath().toString(), false),
                        Output.fields("nothing to reset: " + directory + " does not exist"));
                return ExitCodes.OK;
            }
            Path profileFile = directory.resolve(Devnet.PROFILE_FILE);
            if (Files.exists(profileFile) && answers(new ProfileReader().read(profileFile))) {
                throw new CommandFailed(
                        "the devnet at " + directory + " is running; stop it before resetting", ExitCodes.CONFLICT);
            }
            if (!yes) {
                throw new CommandFailed(
                        "this deletes every ledger, key and certificate under " + directory.toAbsolutePath()
                                + "; run again with --yes",
                        ExitCodes.USAGE);
            }
            deleteTree(directory);
            output.print(
                    new Cleared(directory.toAbsolutePath().toString(), true),
                    Output.fields("deleted " + directory.toAbsolutePath()));
            return ExitCodes.OK;
        }

        private static boolean answers(LoadedProfile profile) {
            String address = profile.profile().gateway().address();
            int colon = address.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                        500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static void deleteTree(Path root) throws IOException {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    /**
     * Checks that the profile's gateway answers on both channels. A chaincode refusal still proves the path works
     * (for example an uninitialized token), so it counts as reachable.
     */
    @Command(
            name = "status",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc devnet status --as alice", "  fdc devnet status --as alice --json"},
            description = "Check that the gateway in the profile answers on both channels.")
    static final class Status extends ClientCommand {
        /** What {@code --json} prints. */
        record Report(String network, String gateway, String identity, String mspId, List<ChannelStatus> channels) {}

        /** One channel's answer: whether it works, how long the probe took, and the failure if it did not. */
        record ChannelStatus(String channel, boolean ok, long latencyMs, String error) {}

        /** Both probes are queries every member of both channels may make. */
        @Override
        protected boolean anyIdentityWillDo() {
            return true;
        }

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            var names = connection.profile().profile().channels();
            List<ChannelStatus> channels = List.of(
                    probe(names.registration(), () -> connection.registration().list(null, 1, "")),
                    probe(names.collaboration(), () -> connection.tokens().accounts(1, "")));
            Report report = new Report(
                    connection.profile().profile().name(),
                    connection.endpoint(),
                    connection.identity().name(),
                    connection.identity().mspId(),
                    channels);
            Output.Fields human = Output.fields("network " + report.network())
                    .add("gateway", report.gateway())
                    .add("identity", report.identity() + " (" + report.mspId() + ")");
            channels.forEach(channel -> human.add(
                    "channel " + channel.channel(),
                    channel.ok() ? "ok (" + channel.latencyMs() + " ms)" : "failing: " + channel.error()));
            out.print(report, human);
            if (channels.stream().anyMatch(channel -> !channel.ok())) {
                throw new CommandFailed(
                        "the network at " + connection.endpoint() + " is not fully up", ExitCodes.UNREACHABLE);
            }
        }

        private interface Probe {
            Object run() throws FdcClientException;
        }

        private static ChannelStatus probe(String channel, Probe probe) {
            long start = System.nanoTime();
            String error = null;
            try {
                probe.run();
            } catch (ChaincodeRejected e) {
                // The proposal reached the chaincode and came back: the channel works.
            } catch (FdcClientException e) {
                error = e.getMessage();
            }
            return new ChannelStatus(
                    channel,
                    error == null,
                    Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    error);
        }
    }
}
