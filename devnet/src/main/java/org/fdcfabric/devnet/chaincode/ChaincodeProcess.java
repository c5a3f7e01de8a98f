package org.fdcfabric.devnet.chaincode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A chaincode server started from its shaded jar in a child JVM ({@code java -jar}), exactly as it would run next
 * to a real peer as chaincode-as-a-service: {@code CHAINCODE_SERVER_ADDRESS} makes {@code ContractRouter} serve
 * gRPC, {@code CORE_CHAINCODE_ID_NAME} is its package id. Its output goes to a log file; the shim logs at WARNING.
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
        int port = LoopbackPorts.free();
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-jar", jar.toString()))
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

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the server accepts connections; stops it and throws if it exits or {@code timeout} passes. */
    public void awaitListening(Duration timeout) throws ChaincodeUnavailableException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
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
        }
        close();
        throw new ChaincodeUnavailableException(
                "chaincode server did not listen on port " + port + " within " + timeout + "; see " + log);
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
