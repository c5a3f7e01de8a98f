package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HelpArtifactsTest {
    @TempDir
    Path target;

    @Test
    void writesCompletionForEveryCommandAndAManPagePerCommand() throws Exception {
        HelpArtifacts.write(Fdc.commandLine(new CliHarness().context()), target);

        String completion = Files.readString(target.resolve("completion/fdc"));
        assertThat(completion).contains("complete -F _complete_fdc", "--data-dir", "--json");
        for (CommandLine command : HelpTreeTest.commands()) {
            String name = command.getCommandSpec().qualifiedName();
            assertThat(completion).as(name).contains(command.getCommandSpec().name());
            Path page = target.resolve("man/" + name.replace(' ', '-') + ".adoc");
            assertThat(page).as(name).exists();
            assertThat(Files.readString(page)).contains(":doctype: manpage");
        }
        assertThat(Files.readString(target.resolve("man/fdc.adoc"))).contains("Exit codes");
    }
}
