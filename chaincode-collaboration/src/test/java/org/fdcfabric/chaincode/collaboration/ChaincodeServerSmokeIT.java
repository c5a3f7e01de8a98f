package org.fdcfabric.chaincode.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

/**
 * Runs the shaded chaincode jar as a peer runs chaincode-as-a-service: {@code java -jar} with
 * {@code CHAINCODE_SERVER_ADDRESS} and {@code CORE_CHAINCODE_ID_NAME}, then connects to it as the peer does over
 * Fabric's chaincode gRPC protocol: the server registers under its id, becomes ready, and answers the contract
 * API's {@code GetMetadata} with the four contracts. Runs in the {@code integration-test} phase, after the shade
 * plugin has built the jar.
 */
class ChaincodeServerSmokeIT {
    static final String CHAINCODE_ID = "collaboration_1.0:0123456789abcdef";
    static final Duration STARTUP = Duration.ofSeconds(90);

    static final Path JAR = Path.of("target", "chaincode-collaboration-chaincode.jar");

    @Test
    void theJarHoldsTheContractsAndGrpcServicesButNoTestCodeOrSignatures() throws IOException {
        assertThat(JAR).as("built by the shade plugin in the package phase").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("org.hyperledger.fabric.contract.ContractRouter");
            for (String contract :
                    List.of("token/TokenContract", "pass/PassContract", "job/JobContract", "audit/AuditContract")) {
                assertThat(jar.getEntry("org/fdcfabric/chaincode/collaboration/" + contract + ".class"))
                        .isNotNull();
            }
            assertThat(jar.getEntry("org/fdcfabric/protocol/job/PayoutRule.class"))
                    .isNotNull();
            // the shared chaincode plumbing is shaded in with the contracts
            assertThat(jar.getEntry("org/fdcfabric/chaincode/support/Tx.class")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/io.grpc.ServerProvider")).isNotNull();
            assertThat(jar.stream().map(JarEntry::getName))
                    .noneMatch(n -> n.startsWith("org/fdcfabric/chaincode/testing/")
                            || n.startsWith("org/fdcfabric/chaincode/registration/")
                            || n.startsWith("org/fdcfabric/msp/")
                            || n.startsWith("org/junit/")
                            || n.startsWith("org/tribuo/")
                            || n.startsWith("org/fdcfabric/") && n.endsWith("Test.class")
                            || n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"));
        }
    }

    @Test
    void theShadedJarServesTheContractsAsChaincodeAsAService() throws Exception {
        Path jar = JAR;
        assertThat(jar).as("built by the shade plugin in the package phase").exists();
        int port = freePort();
        Path log = Path.of("target", "ccaas-smoke.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        builder.environment().put("CORE_CHAINCODE_ID_NAME", CHAINCODE_ID);
        builder.environment().put("CORE_PEER_TLS_ENABLED", "false");
        // at INFO the shim logs three lines per transaction
        builder.environment().put("CORE_CHAINCODE_LOGGING_SHIM", "WARNING");
        builder.environment().put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
        Process server = builder.start();
        ManagedChannel channel = null;
        try {
            awaitListening(server, port, log);
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .build();
            BlockingQueue<ChaincodeMessage> received = new LinkedBlockingQueue<>();
            StreamObserver<ChaincodeMessage> toChaincode =
                    ChaincodeGrpc.newStub(channel).connect(new Collect(received));

            ChaincodeMessage register = next(received);
            assertThat(register.getType()).isEqualTo(ChaincodeMessage.Type.REGISTER);
            assertThat(ChaincodeID.parseFrom(register.getPayload()).getName()).isEqualTo(CHAINCODE_ID);

            toChaincode.onNext(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.REGISTERED)
                    .build());
            toChaincode.onNext(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.READY)
                    .build());
            toChaincode.onNext(transaction("tx-smoke-1", "org.hyperledger.fabric:GetMetadata"));

            ChaincodeMessage completed = next(received);
            assertThat(completed.getType()).as("%s", completed).isEqualTo(ChaincodeMessage.Type.COMPLETED);
            assertThat(completed.getTxid()).isEqualTo("tx-smoke-1");
            Response response = Response.parseFrom(completed.getPayload());
            assertThat(response.getStatus()).isEqualTo(200);
            var contracts =
                    CanonicalJson.tree(response.getPayload().toStringUtf8()).get("contracts");
            assertThat(contracts.has("token")).isTrue();
            assertThat(contracts.has("pass")).isTrue();
            assertThat(contracts.has("job")).isTrue();
            assertThat(contracts.has("audit")).isTrue();
            assertThat(contracts.has("registration"))
                    .as("only this channel's contracts are packaged")
                    .isFalse();
            toChaincode.onCompleted();
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static ChaincodeMessage transaction(String txId, String... args) {
        IssuedIdentity caller = TestIdentities.create().auditor();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId("collaboration")
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(caller.serialize()))
                .setNonce(ByteString.copyFromUtf8("smoke-test-nonce"))
                .build();
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        List.of(args).forEach(a -> input.addArgs(ByteString.copyFromUtf8(a)));
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build()
                        .toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder().build().toByteString())
                .build();
        byte[] proposalBytes = proposal.toByteArray();
        SignedProposal signed = SignedProposal.newBuilder()
                .setProposalBytes(ByteString.copyFrom(proposalBytes))
                .setSignature(ByteString.copyFrom(caller.sign(proposalBytes)))
                .build();
        return ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.TRANSACTION)
                .setTxid(txId)
                .setChannelId("collaboration")
                .setPayload(input.build().toByteString())
                .setProposal(signed)
                .build();
    }

    private static ChaincodeMessage next(BlockingQueue<ChaincodeMessage> received) throws InterruptedException {
        ChaincodeMessage message = received.poll(30, TimeUnit.SECONDS);
        assertThat(message).as("a message from the chaincode within 30 s").isNotNull();
        return message;
    }

    private static void awaitListening(Process server, int port, Path log) throws Exception {
        Instant giveUp = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(giveUp)) {
            assertThat(server.isAlive())
                    .as("chaincode server exited: %s", Files.readString(log))
                    .isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError(
                "chaincode server did not listen on " + port + " within " + STARTUP + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Collect(BlockingQueue<ChaincodeMessage> received) implements StreamObserver<ChaincodeMessage> {
        @Override
        public void onNext(ChaincodeMessage message) {
            received.add(message);
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
