package org.fdcfabric.cli.network;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a local command to completion and keeps what it printed; the scripts under test are shell scripts. */
record Command(int exitCode, String stdout, String stderr) {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static Command run(Path directory, Map<String, String> environment, List<String> command) {
        return run(directory, environment, command, TIMEOUT);
    }

    /** Runs the command with the given environment (null: this JVM's), killing it when the timeout passes. */
    static Command run(Path directory, Map<String, String> environment, List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("cmd", ".out");
            Path err = Files.createTempFile("cmd", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                if (environment != null) {
                    builder.environment().clear();
                    builder.environment().putAll(environment);
                }
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            command + " did not finish within " + timeout.toSeconds() + " s; it printed:\n"
                                    + tail(Files.readString(out, StandardCharsets.UTF_8))
                                    + tail(Files.readString(err, StandardCharsets.UTF_8)));
                }
                return new Command(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** The last lines of a command's output: enough to see why it failed without flooding the report. */
    static String tail(String output) {
        String[] lines = output.split("\n");
        int from = Math.max(0, lines.length - 40);
        return String.join("\n", Arrays.copyOfRange(lines, from, lines.length)) + "\n";
    }

    /** Whether a program is on this JVM's PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The program's absolute path on this JVM's PATH. */
    static Path locate(String program) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not on the PATH");
    }
}
