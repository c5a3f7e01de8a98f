package org.fdcfabric.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fdcfabric.cli.audit.AuditCommands;
import org.fdcfabric.cli.center.CenterCommands;
import org.fdcfabric.cli.compute.ComputeCommands;
import org.fdcfabric.cli.dataset.CenterDatasetCommands;
import org.fdcfabric.cli.dataset.GatewayUclRegistries;
import org.fdcfabric.cli.demo.DemoCommand;
import org.fdcfabric.cli.devnet.DevnetCommands;
import org.fdcfabric.cli.edge.EdgeCommands;
import org.fdcfabric.cli.experiment.ExperimentCommand;
import org.fdcfabric.cli.explorer.ExplorerCommand;
import org.fdcfabric.cli.job.JobCommands;
import org.fdcfabric.cli.model.ModelCommands;
import org.fdcfabric.cli.pass.PassCommands;
import org.fdcfabric.cli.pass.RequestCommands;
import org.fdcfabric.cli.registry.DatasetCommands;
import org.fdcfabric.cli.token.TokenCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code fdc} command: the root of every FDC-Fabric subcommand. */
@Command(
        name = "fdc",
        // Inherited, so every subcommand has --help and --version.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = Fdc.VERSION,
        description = "FDC-Fabric: multi-institution data collaboration without moving raw data.",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc devnet up                # a local network (profile in .fdc/devnet)",
            "  fdc dataset list --as alice  # the registry, as the profile's alice",
            "  fdc demo                     # the FDC case study end to end",
            "  fdc <command> --help         # each command's options and examples"
        })
public final class Fdc implements Runnable {
    static final String VERSION = "fdc 0.1.0";

    /**
     * The one list of command groups, in the order help shows them: add new groups here. Each is named by its class's
     * {@code @Command} and built only when a command line needs it (see {@link #commandLine(CliContext, String...)}).
     */
    private static final List<Group> GROUPS = List.of(
            Group.of(DevnetCommands.class),
            Group.of(CenterCommands.class),
            Group.of(ComputeCommands.class),
            // The data center's dataset work (import, simulate, publish, prove, verify) joins the registry's group.
            new Group(
                    DatasetCommands.class, context -> CenterDatasetCommands.create(new GatewayUclRegistries(context))),
            Group.of(TokenCommands.class),
            Group.of(RequestCommands.class),
            Group.of(PassCommands.class),
            Group.of(JobCommands.class),
            Group.of(AuditCommands.class),
            Group.of(ModelCommands.class),
            Group.of(ExperimentCommand.class),
            Group.of(DemoCommand.class),
            Group.of(ExplorerCommand.class),
            new Group(EdgeCommands.class, context -> EdgeCommands.create()));

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    public Fdc(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    /** With no subcommand, print the help. */
    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** Every command, ready to execute, printing to the context's streams with {@code fdc}'s error rendering. */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, new String[0]);
    }

    /**
     * A command line ready to execute {@code args}: when they start with a group's name, only that group is built.
     * Picocli reads every command's annotations and fields when it builds the tree, and doing that for all of them
     * was a third of a query's start-up; help, a bare {@code fdc} and an unknown name still get the whole tree (so
     * that the usage lists every group and a typo gets its suggestions).
     */
    public static CommandLine commandLine(CliContext context, String... args) {
        String first = args.length > 0 ? args[0] : "";
        boolean oneGroup = GROUPS.stream().anyMatch(group -> group.name().equals(first));
        CommandLine commandLine = new CommandLine(new Fdc(context));
        for (Group group : GROUPS) {
            if (!oneGroup || group.name().equals(first)) {
                commandLine.addSubcommand(group.create().apply(context));
            }
        }
        // After every subcommand is added: these setters reach only the subcommands that exist when called.
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setExecutionExceptionHandler(new ErrorRenderer(context.err()));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler(context.err()));
        // The exit-code table once, in fdc --help: set on the root after the tree is built so that no subcommand
        // inherits it (usage errors and subcommand help stay short).
        commandLine
                .getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodeList());
        return commandLine;
    }

    private static Map<String, String> exitCodeList() {
        Map<String, String> list = new LinkedHashMap<>();
        ExitCodes.TABLE.forEach((code, meaning) -> list.put(String.format("%3d", code), meaning));
        return list;
    }

    public static void main(String[] args) {
        // `fdc --version` needs none of the subcommands: answer before picocli builds the model of all of them,
        // which is most of its start-up
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(VERSION);
            return;
        }
        // A command line prints results, not library chatter: only warnings and errors are logged.
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
        System.exit(commandLine(CliContext.system(), args).execute(args));
    }

    /** A top-level command group: the class that names it and how to build its command line. */
    private record Group(Class<?> type, Function<CliContext, CommandLine> create) {
        static Group of(Class<?> type) {
            return new Group(type, context -> new CommandLine(type));
        }

        String name() {
            return type.getAnnotation(Command.class).name();
        }
    }
}
