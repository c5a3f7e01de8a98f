package org.fdcfabric.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step (run by Maven at package time, never by users): writes {@code fdc}'s bash/zsh completion script to
 * {@code <target>/completion/fdc} and a man page source per command (AsciiDoc, picocli's manpage doctype) to
 * {@code <target>/man}, both from the real command tree so they cannot drift from it.
 */
public final class HelpArtifacts {
    private HelpArtifacts() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: HelpArtifacts <target directory>");
        }
        write(Fdc.commandLine(CliContext.system()), Path.of(args[0]));
    }

    static void write(CommandLine fdc, Path target) throws IOException {
        Path completion = Files.createDirectories(target.resolve("completion"));
        // picocli's script is bash; zsh loads it through bashcompinit (the script does that itself under zsh)
        Files.writeString(completion.resolve("fdc"), AutoComplete.bash("fdc", fdc));
        Path man = Files.createDirectories(target.resolve("man"));
        int exit = ManPageGenerator.generateManPage(
                man.toFile(), null, new boolean[] {false}, false, fdc.getCommandSpec());
        if (exit != 0) {
            throw new IOException("man page generation failed with exit code " + exit);
        }
    }
}
