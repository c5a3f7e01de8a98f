package org.fdcfabric.cli.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.cli.Fdc;

/**
 * One {@code fdc} command in a JVM of its own, started from the repository root with the test's classpath, its
 * output in a log file (so a full pipe never blocks it and a failure message can show it).
 */
final class Child implements AutoCloseable {
    /** C1 only and class data sharing: these JVMs start often and run briefly, so start-up time is what counts. */
    private static final List<String> JVM_FLAGS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final String name;
    private final Path log;
    private final Process process;

    private Child(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static Child start(String name, Path root, Path logs, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Fdc.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path log = logs.resolve(name + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new Child(name, log, builder.start());
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Waits until the output contains {@code text}; fails with the output if the process ends or time runs out. */
    Duration awaitOutput(String text, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        name + " exited with " + process.exitValue() + " before printing '" + text + "':\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not print '" + text + "' within " + timeout + ":\n" + output());
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released but what the OS releases. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the process to end. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
