package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Walks the whole {@code fdc} command tree: every command has examples, every option and parameter a description. */
class HelpTreeTest {
    /** Every command of the tree, root first. */
    static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(Fdc.commandLine(new CliHarness().context()), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyOptionAndParameterIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        for (CommandLine command : commands()) {
            CommandSpec spec = command.getCommandSpec();
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                if (String.join("", arg.description()).isBlank()) {
                    undescribed.add(spec.qualifiedName() + " " + arg.paramLabel()
                            + (arg instanceof CommandLine.Model.OptionSpec option ? " " + option.longestName() : ""));
                }
            }
        }
        assertThat(undescribed)
                .as("options and parameters without a description")
                .isEmpty();
    }

    @Test
    void everyCommandHasADescriptionAndItsOwnExamples() {
        List<String> missing = new ArrayList<>();
        for (CommandLine command : commands()) {
            CommandSpec spec = command.getCommandSpec();
            String footer = String.join("\n", spec.usageMessage().footer());
            if (String.join("", spec.usageMessage().description()).isBlank()) {
                missing.add(spec.qualifiedName() + ": no description");
            }
            // each example is a command line of this command (inherited footers would name the parent)
            if (!spec.usageMessage().footerHeading().contains("Examples")
                    || !footer.contains("  " + spec.qualifiedName())) {
                missing.add(spec.qualifiedName() + ": no example");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyCommandsHelpPrints() {
        for (CommandLine command : commands()) {
            List<String> path = new ArrayList<>(
                    List.of(command.getCommandSpec().qualifiedName().split(" ")));
            path.remove(0);
            path.add("--help");
            CliHarness fdc = new CliHarness();

            int exit = fdc.run(path.toArray(String[]::new));

            assertThat(exit).as(path + ": " + fdc.err()).isZero();
            assertThat(fdc.out()).contains("Usage: " + command.getCommandSpec().qualifiedName(), "Examples:");
        }
    }
}
