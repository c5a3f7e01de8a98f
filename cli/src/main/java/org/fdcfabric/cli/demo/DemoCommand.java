package org.fdcfabric.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.fdcfabric.cli.AggregationOptions;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.MetricsOptions;
import org.fdcfabric.cli.OptimizationOptions;
import org.fdcfabric.cli.Terminals;
import org.fdcfabric.cli.Words;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.metrics.MetricsBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fdc demo}: a whole FDC collaboration on an embedded devnet, then a report. Exits 0 when the audit is
 * clean and {@link ExitCodes#FAILED} when it found a violation.
 */
@Command(
        name = "demo",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc demo",
            "  fdc demo --institutions 3 --rounds 10 --model mlp --hidden 32",
            "  fdc demo --profile .fdc/devnet/connection-profile.json     # on a running \\",
            "      network"
        },
        description = {
            "Run a full FDC collaboration on an embedded devnet (or, with --profile, on an existing network):"
                    + " institutions govern and register simulated"
                    + " wearable data, a data user requests access and funds a job, the public compute node trains"
                    + " across the data centers over mTLS, the chain settles, and an auditor checks everything.",
            "Writes report.md, report.json and the model with its provenance into the run directory."
        },
        sortOptions = false)
public final class DemoCommand implements Callable<Integer> {
    static final String ROOT_PROPERTY = "fdc.root";
    static final String ROOT_ENV = "FDC_ROOT";
    /** Held so the level set in {@link #call} sticks: gRPC's start-up INFO lines are not the demo's story. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "run directory, new or empty (default: a new fdc-demo-* directory under the system temp"
                    + " directory)")
    Path dir;

    @Option(
            names = "--keep",
            description = "keep the devnet's ledgers and the data centers' stores (the report and the model are"
                    + " always kept)")
    boolean keep;

    @Option(
            names = "--institutions",
            defaultValue = "3",
            description = "institutions, each with its own data center (1-5, default: ${DEFAULT-VALUE})")
    int institutions;

    @Option(names = "--rounds", defaultValue = "5", description = "training rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(
            names = "--model",
            defaultValue = "logistic",
            description = "model family: logistic, mlp or fm (default: ${DEFAULT-VALUE})")
    String model;

    @Option(
            names = "--hidden",
            split = ",",
            defaultValue = "64",
            description = "mlp hidden layer widths (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(
            names = "--local-epochs",
            defaultValue = "1",
            description = "local epochs per round (default: ${DEFAULT-VALUE})")
    int localEpochs;

    @Option(
            names = "--learning-rate",
            defaultValue = "0.01",
            description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--subjects", defaultValue = "6", description = "children per school (default: ${DEFAULT-VALUE})")
    int subjects;

    @Option(
            names = "--test-subjects",
            defaultValue = "1",
            description = "children per school held out for testing (default: ${DEFAULT-VALUE})")
    int testSubjects;

    @Option(names = "--days", defaultValue = "1", description = "school days recorded (default: ${DEFAULT-VALUE})")
    int days;

    @Option(
            names = "--seed",
            defaultValue = "2019",
            description = "seed of data and training (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "repository root holding the packaged chaincode jars (default: -D" + ROOT_PROPERTY
                    + ", then $" + ROOT_ENV + ", then the working directory)")
    Path root;

    @Mixin
    AggregationOptions aggregation;

    @Mixin
    OptimizationOptions optimization;

    @Option(
            names = "--no-progress",
            description = "one line per round instead of a progress bar (the default when not on a terminal)")
    boolean noProgress;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description = "run on the existing network of this connection profile instead of an embedded devnet;"
                    + " its identities act by their fdc.role (token-admin, data-user, compute, auditor, and a"
                    + " provider in each of --institutions organisations); data centers and coordinator run here")
    Path profile;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GRPC_LOG.setLevel(Level.WARNING);
        CliContext context = ((Fdc) spec.root().userObject()).context();
        PrintWriter out = context.out();
        Path repository = repositoryRoot(context);
        if (profile == null) {
            requireChaincodeJars(repository);
        } else if (!Files.isReadable(profile)) {
            throw new CommandFailed("--profile " + profile + " is not a readable file", ExitCodes.CONFIGURATION);
        }
        ModelFamily family = family();
        Optional<MetricsBinding> metricsAt = metrics.binding(0);
        DemoSettings settings;
        try {
            settings = new DemoSettings(
                    repository,
                    Path.of("."),
                    institutions,
                    rounds,
                    family,
                    hidden,
                    localEpochs,
                    learningRate,
                    subjects,
                    testSubjects,
                    days,
                    seed,
                    aggregation.secure(),
                    aggregation.aggregator(),
                    optimization.server(family),
                    optimization.schedule());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path runDirectory = runDirectory();
        settings = settings.in(runDirectory);
        out.printf(
                "fdc demo: %s, %s of %s (%s; %s), %s, run directory %s%n",
                Words.count(institutions, "institution"),
                Words.count(rounds, "round"),
                model,
                aggregation.describe(),
                OptimizationOptions.describe(settings.serverOptimizer(), settings.schedule()),
                profile == null ? "embedded devnet" : "network of " + profile,
                runDirectory);
        DemoReport report;
        try {
            report = new DemoRun(
                            settings,
                            context.connector(),
                            out,
                            context.clock(),
                            context.random(),
                            !noProgress && Terminals.interactive(),
                            Optional.ofNullable(profile).map(p -> p.toAbsolutePath()),
                            metricsAt)
                    .run();
        } finally {
            if (!keep) {
                delete(runDirectory.resolve(DemoLayout.DEVNET));
                delete(runDirectory.resolve(DemoLayout.CENTERS));
            }
        }
        out.println();
        out.print(report.summary());
        out.printf(
                Locale.ROOT,
                "report: %s (and %s)%n",
                runDirectory.resolve(DemoReport.MARKDOWN),
                runDirectory.resolve(DemoReport.JSON));
        out.flush();
        if (!report.clean()) {
            throw new CommandFailed("the audit found violations (see the report)", ExitCodes.NOT_VERIFIED);
        }
        return ExitCodes.OK;
    }

    /** The devnet runs the packaged chaincode jars: name the missing one and how to build it. */
    private void requireChaincodeJars(Path repository) throws CommandFailed {
        DevnetConfig config = DemoNetwork.config(repository, 1);
        for (DevnetConfig.ChannelConfig channel : config.channels()) {
            for (DevnetConfig.ChaincodeConfig chaincode : channel.chaincodes()) {
                Path jar = config.jar(chaincode);
                if (!Files.isReadable(jar)) {
                    throw new CommandFailed(
                            "chaincode jar " + jar + " is missing; build it with scripts/demo.sh (or mvn -pl cli -am"
                                    + " package -DskipTests) and run from the repository root, or pass --root",
                            ExitCodes.CONFIGURATION);
                }
            }
        }
    }

    private ModelFamily family() {
        try {
            return ModelFamily.fromWireName(model.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
    }

    private Path runDirectory() throws IOException {
        if (dir == null) {
            return Files.createTempDirectory("fdc-demo-");
        }
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(
                            spec.commandLine(), "--dir " + dir + " is not empty; the demo starts a fresh network");
                }
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }

    private Path repositoryRoot(CliContext context) {
        if (root != null) {
            return root.toAbsolutePath().normalize();
        }
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String env = context.environment().get(ROOT_ENV);
        return Path.of(env == null || env.isBlank() ? "" : env).toAbsolutePath().normalize();
    }

    private static void delete(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
