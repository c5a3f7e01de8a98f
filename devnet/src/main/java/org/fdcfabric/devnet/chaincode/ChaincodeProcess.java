package org.fdcfabric.devnet.chaincode;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A chaincode server started from its shaded jar in a child JVM, exactly as it would run next to a real peer as
 * chaincode-as-a-service: {@code CHAINCODE_SERVER_ADDRESS} makes {@code ContractRouter} serve gRPC,
 * {@code CORE_CHAINCODE_ID_NAME} is its package id. The jar's main class runs under {@link ParentWatchLauncher}, so
 * the server dies with the devnet however the devnet ends (kill -9 included) and never lives on as an orphan. Its
 * output goes to a log file; the shim logs at WARNING.
 */
public final class ChaincodeProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ChaincodeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Launches {@code jar} to listen on a free loopback port; call {@link #awaitListening} before dialing it. Several
     * servers can start in parallel this way (the shim scans its class path first, which takes seconds).
     *
     * @param packageId the chaincode package id ({@code label:hash} on Fabric)
     * @param extraEnvironment more environment variables, e.g. {@code CORE_PEER_LOCALMSPID}
     */
    public static ChaincodeProcess start(Path jar, String packageId, Path logFile, Map<String, String> extraEnvironment)
            throws IOException, ChaincodeUnavailableException {
        if (!Files.isRegularFile(jar)) {
            throw new ChaincodeUnavailableException(
                    "chaincode jar not found: " + jar.toAbsolutePath() + " (build it with mvn package)");
        }
        String mainClass = mainClass(jar);
        int port = LoopbackPorts.free();
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = jar.toAbsolutePath() + File.pathSeparator + launcherLocation();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java, "-XX:+UseSerialGC", "-cp", classPath, ParentWatchLauncher.class.getName(), mainClass))
                // the server's standard input stays a pipe from this JVM: its end is the launcher's signal to stop
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        environment.put("CORE_CHAINCODE_ID_NAME", packageId);
        environment.put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
        environment.put("CORE_CHAINCODE_LOGGING_SHIM", "WARNING");
        environment.putAll(extraEnvironment);
        return new ChaincodeProcess(builder.start(), port, logFile);
    }

    private static String mainClass(Path jar) throws IOException, ChaincodeUnavailableException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String mainClass =
                    manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (mainClass == null || mainClass.isBlank()) {
                throw new ChaincodeUnavailableException("chaincode jar " + jar.toAbsolutePath()
                        + " names no Main-Class in its manifest (expected ContractRouter)");
            }
            return mainClass;
        }
    }

    /** The jar or class directory this class was loaded from: the launcher is the only class the server uses. */
    private static String launcherLocation() {
        try {
            return Path.of(ParentWatchLauncher.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the devnet's own code location is not a file URI", e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits until the server accepts connections. How long a JVM takes to scan its class path and start depends on
     * how much CPU it gets, so the wait is not a fixed deadline: it lasts while the server is alive and still
     * using CPU, and gives up (stopping it) only when it has used none for {@code stall}, or exits. Where the
     * platform does not report a process's CPU time, {@code stall} bounds the whole wait.
     */
    public void awaitListening(Duration stall) throws ChaincodeUnavailableException {
        Instant lastProgress = Instant.now();
        Optional<Duration> lastCpu = cpu();
        while (true) {
            if (!process.isAlive()) {
                throw new ChaincodeUnavailableException(
                        "chaincode server exited with code " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
            Optional<Duration> nowCpu = cpu();
            if (nowCpu.isPresent() && !nowCpu.equals(lastCpu)) {
                lastCpu = nowCpu;
                lastProgress = Instant.now();
            }
            if (Duration.between(lastProgress, Instant.now()).compareTo(stall) > 0) {
                break;
            }
        }
        close();
        throw new ChaincodeUnavailableException("chaincode server did not listen on port " + port
                + " and used no CPU for " + stall + " (cpu so far "
                + lastCpu.map(Duration::toString).orElse("unknown")
                + "); see " + log);
    }

    private Optional<Duration> cpu() {
        return process.toHandle().info().totalCpuDuration();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            // the launcher halts the server at the end of its input, which is quicker than waiting for SIGTERM
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // the server is gone already
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
