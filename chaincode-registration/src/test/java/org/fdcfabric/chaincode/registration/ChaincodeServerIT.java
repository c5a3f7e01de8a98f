package org.fdcfabric.chaincode.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the shaded chaincode jar exactly as a chaincode-as-a-service container would ({@code java -jar},
 * {@code CHAINCODE_SERVER_ADDRESS}, {@code CORE_CHAINCODE_ID_NAME}) and connects to it as a peer does.
 *
 * <p>A failsafe test (integration-test phase, after package) rather than a surefire one: only then does the jar
 * exist, and testing the jar itself also proves the shade configuration (main class, merged META-INF/services
 * for gRPC) that a test on the classpath would not exercise.
 */
class ChaincodeServerIT {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static Path jar() {
        Path jar = Path.of(System.getProperty("chaincode.jar", "target/chaincode-registration-chaincode.jar"));
        assertThat(jar).isRegularFile();
        return jar;
    }

    @Test
    void jarHoldsTheContractAndGrpcServicesButNoTestCodeOrSignatures() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("org.hyperledger.fabric.contract.ContractRouter");
            assertThat(jar.getEntry("org/fdcfabric/chaincode/registration/RegistrationContract.class"))
                    .isNotNull();
            // the shared chaincode plumbing is shaded in with the contract
            assertThat(jar.getEntry("org/fdcfabric/chaincode/support/Tx.class")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/io.grpc.ServerProvider")).isNotNull();
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertThat(names)
                    .noneMatch(n -> n.startsWith("org/fdcfabric/chaincode/testing/")
                            || n.startsWith("org/fdcfabric/chaincode/collaboration/")
                            || n.startsWith("org/junit/")
                            || n.startsWith("org/tribuo/")
                            || n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"));
        }
    }

    @Test
    void shadedJarListensAndRegistersWithAConnectingPeer(@TempDir Path temp) throws Exception {
        Path jar = jar();
        int port = freePort();
        Path log = temp.resolve("chaincode.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        builder.environment().put("CORE_CHAINCODE_ID_NAME", "registration:1.0");
        builder.environment().put("CORE_CHAINCODE_LOGGING_SHIM", "WARNING");
        builder.environment().put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
        Process chaincode = builder.start();
        try {
            awaitListening(chaincode, port, log);

            // a peer opens the Chaincode.Connect stream; the chaincode's first message must be REGISTER with its id
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .build();
            try {
                CompletableFuture<ChaincodeMessage> first = new CompletableFuture<>();
                StreamObserver<ChaincodeMessage> toChaincode = ChaincodeGrpc.newStub(channel)
                        .connect(new StreamObserver<>() {
                            @Override
                            public void onNext(ChaincodeMessage message) {
                                first.complete(message);
                            }

                            @Override
                            public void onError(Throwable t) {
                                first.completeExceptionally(t);
                            }

                            @Override
                            public void onCompleted() {
                                first.completeExceptionally(new IllegalStateException("stream closed"));
                            }
                        });
                ChaincodeMessage register = first.get(30, TimeUnit.SECONDS);
                assertThat(register.getType()).isEqualTo(ChaincodeMessage.Type.REGISTER);
                assertThat(org.hyperledger.fabric.protos.peer.ChaincodeID.parseFrom(register.getPayload())
                                .getName())
                        .isEqualTo("registration:1.0");
                toChaincode.onCompleted();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            chaincode.destroy();
            if (!chaincode.waitFor(10, TimeUnit.SECONDS)) {
                chaincode.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitListening(Process chaincode, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!chaincode.isAlive()) {
                throw new AssertionError(
                        "chaincode exited with " + chaincode.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError(
                "chaincode did not listen on port " + port + " within " + STARTUP + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
