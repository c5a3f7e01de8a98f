package org.fdcfabric.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.devnet.config.CryptoMaterial;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.devnet.testcc.TestChaincodeJar;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.NodeOu;
import org.fdcfabric.msp.Pem;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The real Fabric Gateway SDK against an in-process devnet of three orgs running the test chaincode. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetGatewayTest {
    private Path dir;

    private DevnetConfig config;
    private Devnet devnet;
    private ManagedChannel channel;
    private Gateway alice;
    private Contract kv;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path jar = TestChaincodeJar.build(dir.resolve("cc"));
        Path configFile = dir.resolve("devnet.yaml");
        Files.writeString(configFile, """
                name: test-net
                ordererOrg: { name: orderer, mspId: OrdererMSP }
                orgs:
                  - name: org1
                    mspId: Org1MSP
                    users:
                      - { name: alice, role: provider }
                      - { name: admin1, role: token-admin, admin: true }
                  - name: org2
                    mspId: Org2MSP
                    users:
                      - { name: bob, role: data-user }
                  - name: org3
                    mspId: Org3MSP
                    users:
                      - { name: carol, role: auditor }
                gatewayOrg: Org1MSP
                channels:
                  - name: alpha
                    orgs: [Org1MSP, Org2MSP, Org3MSP]
                    chaincodes:
                      - { name: kv, version: "1.0", jar: "%s", policy: "MAJORITY Endorsement" }
                  - name: beta
                    orgs: [Org1MSP, Org2MSP]
                    chaincodes:
                      - { name: kv, version: "1.0", jar: "%s", policy: "OR('Org1MSP.peer')" }
                batch: { maxMessageCount: 10, timeoutMillis: 50 }
                """.formatted(jar, jar));
        config = DevnetConfig.load(configFile);
        devnet = Devnet.start(config, dir.resolve("data"), 0);
        channel = channel(devnet.profile(), dir.resolve("data"));
        alice = gateway(user("alice"));
        kv = alice.getNetwork("alpha").getContract("kv");
    }

    @AfterAll
    void stop() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    private static ManagedChannel channel(ConnectionProfile profile, Path base) throws Exception {
        var credentials = TlsChannelCredentials.newBuilder()
                .trustManager(base.resolve(profile.gateway().tlsRootCert()).toFile())
                .build();
        return Grpc.newChannelBuilder(profile.gateway().address(), credentials).build();
    }

    private CryptoMaterial.User user(String name) {
        return devnet.crypto().orgs().stream()
                .flatMap(org -> org.users().values().stream())
                .filter(user -> user.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private Gateway gateway(CryptoMaterial.User user) throws Exception {
        return gateway(
                new X509Identity(user.identity().mspId(), user.identity().certificate()),
                user.identity().privateKey());
    }

    private Gateway gateway(Identity identity, PrivateKey key) {
        return Gateway.newInstance()
                .identity(identity)
                .signer(Signers.newPrivateKeySigner(key))
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(10, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(20, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(10, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .connect();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Nested
    class EvaluateAndSubmit {
        @Test
        void submitCommitsAndEvaluateReadsIt() throws Exception {
            assertThat(text(kv.submitTransaction("put", "color", "blue"))).isEqualTo("blue");
            assertThat(text(kv.evaluateTransaction("get", "color"))).isEqualTo("blue");
        }

        @Test
        void theChaincodeSeesTheCallersRoleFromTheCertificate() throws Exception {
            assertThat(text(kv.evaluateTransaction("whoami"))).isEqualTo("Org1MSP:provider");
            try (Gateway bob = gateway(user("bob"))) {
                assertThat(text(bob.getNetwork("alpha").getContract("kv").evaluateTransaction("whoami")))
                        .isEqualTo("Org2MSP:data-user");
            }
        }

        @Test
        void commitStatusReportsValidWithTheBlockNumber() throws Exception {
            SubmittedTransaction submitted = kv.newProposal("put")
                    .addArguments("size", "xl")
                    .build()
                    .endorse()
                    .submitAsync();
            Status status = submitted.getStatus();
            assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
            assertThat(status.getBlockNumber()).isPositive();
            assertThat(status.getTransactionId()).isEqualTo(submitted.getTransactionId());
        }

        @Test
        void historyAndRangeQueriesSeeCommittedWrites() throws Exception {
            kv.submitTransaction("put", "hist", "1");
            kv.submitTransaction("put", "hist", "2");
            kv.submitTransaction("del", "hist");
            assertThat(text(kv.evaluateTransaction("history", "hist"))).isEqualTo("deleted,2,1");
            kv.submitTransaction("put", "r1", "a");
            kv.submitTransaction("put", "r2", "b");
            assertThat(text(kv.evaluateTransaction("range", "r", "s"))).isEqualTo("r1=a,r2=b");
        }

        @Test
        void crossChannelQueriesReadTheOtherChannel() throws Exception {
            alice.getNetwork("beta").getContract("kv").submitTransaction("put", "far", "away");
            assertThat(text(kv.submitTransaction("call", "kv", "beta", "get", "far")))
                    .isEqualTo("200:away");
        }
    }

    @Nested
    class Errors {
        @Test
        void aChaincodeErrorOnEvaluateIsUnknownWithItsMessage() {
            assertThatThrownBy(() -> kv.evaluateTransaction("fail", "boom"))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNKNOWN);
                        assertThat(e.getMessage()).contains("chaincode response 500, KV_FAILED: boom");
                        assertThat(e.getDetails()).singleElement().satisfies(detail -> {
                            assertThat(detail.getMspId()).isEqualTo("Org1MSP");
                            assertThat(detail.getAddress()).startsWith("peer0.org1.fdc:");
                        });
                    });
        }

        @Test
        void aChaincodeErrorOnSubmitNamesEachFailingEndorser() {
            assertThatThrownBy(() -> kv.submitTransaction("fail", "bang"))
                    .isInstanceOfSatisfying(EndorseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED);
                        assertThat(e.getDetails()).hasSize(2).allSatisfy(detail -> assertThat(detail.getMessage())
                                .isEqualTo("chaincode response 500, KV_FAILED: bang"));
                    });
        }

        @Test
        void endorsementsThatDifferFailTheEndorsement() {
            assertThatThrownBy(() -> kv.submitTransaction("clock"))
                    .isInstanceOfSatisfying(EndorseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED);
                        assertThat(e.getMessage()).contains("failed to collect enough transaction endorsements");
                        assertThat(e.getDetails())
                                .extracting(org.hyperledger.fabric.protos.gateway.ErrorDetail::getMessage)
                                .containsExactly("ProposalResponsePayloads do not match");
                    });
        }

        @Test
        void aForgedSignatureIsRejected() throws Exception {
            CryptoMaterial.User alice = user("alice");
            PrivateKey otherKey = user("bob").identity().privateKey();
            try (Gateway forger = gateway(
                    new X509Identity(alice.identity().mspId(), alice.identity().certificate()), otherKey)) {
                Contract forged = forger.getNetwork("alpha").getContract("kv");
                assertThatThrownBy(() -> forged.evaluateTransaction("get", "color"))
                        .isInstanceOfSatisfying(GatewayException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
                            assertThat(e.getMessage()).contains("access denied");
                        });
                assertThatThrownBy(() -> forged.submitTransaction("put", "forged", "x"))
                        .isInstanceOf(EndorseException.class);
            }
            assertThat(text(kv.evaluateTransaction("get", "forged"))).isEmpty();
        }

        @Test
        void aCertificateClaimingAnotherMspIsRejected() throws Exception {
            CryptoMaterial.User alice = user("alice");
            try (Gateway impostor = gateway(
                    new X509Identity("Org2MSP", alice.identity().certificate()),
                    alice.identity().privateKey())) {
                assertThatThrownBy(() ->
                                impostor.getNetwork("alpha").getContract("kv").evaluateTransaction("whoami"))
                        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(
                                        e.getStatus().getCode())
                                .isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION));
            }
        }

        @Test
        void aCertificateFromAnUnknownCaIsRejected() throws Exception {
            CertificateAuthority rogue = CertificateAuthority.create(
                    "ca.org1.fdc", "org1.fdc", Clock.systemUTC(), Duration.ofDays(1), new SecureRandom());
            IssuedIdentity mallory = rogue.issue("Org1MSP", "mallory", NodeOu.CLIENT, Map.of());
            try (Gateway impostor = gateway(new X509Identity("Org1MSP", mallory.certificate()), mallory.privateKey())) {
                assertThatThrownBy(() ->
                                impostor.getNetwork("alpha").getContract("kv").evaluateTransaction("whoami"))
                        .isInstanceOf(GatewayException.class);
            }
        }

        @Test
        void aMissingOrgEndorsementFailsThePolicyAtCommit() throws Exception {
            Transaction onlyOrg1 = kv.newProposal("put")
                    .addArguments("lonely", "x")
                    .setEndorsingOrganizations("Org1MSP")
                    .build()
                    .endorse();
            Status status = onlyOrg1.submitAsync().getStatus();
            assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(text(kv.evaluateTransaction("get", "lonely"))).isEmpty();
        }

        @Test
        void commitStatusNeedsAReaderOfTheChannel() throws Exception {
            IssuedIdentity carol = user("carol").identity();
            CommitStatusRequest request = CommitStatusRequest.newBuilder()
                    .setChannelId("beta")
                    .setTransactionId("0".repeat(64))
                    .setIdentity(com.google.protobuf.ByteString.copyFrom(carol.serialize()))
                    .build();
            var stub = GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> stub.commitStatus(SignedCommitStatusRequest.newBuilder()
                            .setRequest(request.toByteString())
                            .setSignature(com.google.protobuf.ByteString.copyFrom(carol.sign(request.toByteArray())))
                            .build()))
                    .isInstanceOfSatisfying(
                            io.grpc.StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED));
            CommitStatusRequest unknownChannel =
                    request.toBuilder().setChannelId("gamma").build();
            assertThatThrownBy(() -> stub.commitStatus(SignedCommitStatusRequest.newBuilder()
                            .setRequest(unknownChannel.toByteString())
                            .setSignature(
                                    com.google.protobuf.ByteString.copyFrom(carol.sign(unknownChannel.toByteArray())))
                            .build()))
                    .isInstanceOfSatisfying(
                            io.grpc.StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND));
        }

        @Test
        void theEndorserChecksTheTxIdFormulaAndDuplicates() throws Exception {
            IssuedIdentity alice = user("alice").identity();
            var stub = GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            org.fdcfabric.devnet.testcc.Proposals.Built good =
                    org.fdcfabric.devnet.testcc.Proposals.build(alice, "alpha", "kv", "put", "dup", "1");
            var proposal = org.hyperledger.fabric.protos.peer.Proposal.parseFrom(
                    good.signed().getProposalBytes());
            var header = org.hyperledger.fabric.protos.common.Header.parseFrom(proposal.getHeader());
            var channelHeader =
                    org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(header.getChannelHeader()).toBuilder()
                            .setTxId("f".repeat(64))
                            .build();
            byte[] badBytes = proposal.toBuilder()
                    .setHeader(header.toBuilder()
                            .setChannelHeader(channelHeader.toByteString())
                            .build()
                            .toByteString())
                    .build()
                    .toByteArray();
            var badTxId = org.hyperledger.fabric.protos.peer.SignedProposal.newBuilder()
                    .setProposalBytes(com.google.protobuf.ByteString.copyFrom(badBytes))
                    .setSignature(com.google.protobuf.ByteString.copyFrom(alice.sign(badBytes)))
                    .build();
            assertThatThrownBy(() -> stub.evaluate(org.hyperledger.fabric.protos.gateway.EvaluateRequest.newBuilder()
                            .setProposedTransaction(badTxId)
                            .build()))
                    .isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).contains("incorrectly computed txid");
                    });

            var endorsed = stub.endorse(org.hyperledger.fabric.protos.gateway.EndorseRequest.newBuilder()
                    .setProposedTransaction(good.signed())
                    .build());
            var envelope = endorsed.getPreparedTransaction();
            var signedEnvelope = envelope.toBuilder()
                    .setSignature(com.google.protobuf.ByteString.copyFrom(
                            alice.sign(envelope.getPayload().toByteArray())))
                    .build();
            stub.submit(SubmitRequest.newBuilder()
                    .setChannelId("alpha")
                    .setTransactionId(good.txId())
                    .setPreparedTransaction(signedEnvelope)
                    .build());
            CommitStatusRequest statusRequest = CommitStatusRequest.newBuilder()
                    .setChannelId("alpha")
                    .setTransactionId(good.txId())
                    .setIdentity(com.google.protobuf.ByteString.copyFrom(alice.serialize()))
                    .build();
            var status = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .commitStatus(SignedCommitStatusRequest.newBuilder()
                            .setRequest(statusRequest.toByteString())
                            .setSignature(
                                    com.google.protobuf.ByteString.copyFrom(alice.sign(statusRequest.toByteArray())))
                            .build());
            assertThat(status.getResult()).isEqualTo(TxValidationCode.VALID);
            assertThatThrownBy(() -> stub.evaluate(org.hyperledger.fabric.protos.gateway.EvaluateRequest.newBuilder()
                            .setProposedTransaction(good.signed())
                            .build()))
                    .isInstanceOfSatisfying(
                            io.grpc.StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getDescription()).contains("duplicate transaction found"));
        }

        @Test
        void submitRefusesAnUnsignedEnvelope() {
            var stub = GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> stub.submit(SubmitRequest.newBuilder()
                            .setChannelId("alpha")
                            .setTransactionId("x")
                            .setPreparedTransaction(org.hyperledger.fabric.protos.common.Envelope.newBuilder()
                                    .setPayload(com.google.protobuf.ByteString.copyFromUtf8("p")))
                            .build()))
                    .isInstanceOfSatisfying(
                            io.grpc.StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT));
        }

        @Test
        void aPeerIdentityMayNotSubmit() throws Exception {
            IssuedIdentity peer = devnet.crypto().org("Org1MSP").node();
            try (Gateway asPeer = gateway(new X509Identity("Org1MSP", peer.certificate()), peer.privateKey())) {
                assertThatThrownBy(() ->
                                asPeer.getNetwork("alpha").getContract("kv").evaluateTransaction("whoami"))
                        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                                .contains("/Channel/Application/Writers"));
            }
        }

        @Test
        void anUnknownChannelOrChaincodeFails() {
            assertThatThrownBy(
                            () -> alice.getNetwork("alpha").getContract("nope").evaluateTransaction("get", "k"))
                    .isInstanceOf(GatewayException.class);
            assertThatThrownBy(() -> alice.getNetwork("gamma").getContract("kv").evaluateTransaction("get", "k"))
                    .isInstanceOf(GatewayException.class);
        }
    }

    @Nested
    class Conflicts {
        @Test
        void twoConcurrentConflictingSubmitsGiveOneValidAndOneMvccConflict() throws Exception {
            kv.submitTransaction("put", "counter", "10");
            Transaction first =
                    kv.newProposal("increment").addArguments("counter").build().endorse();
            Transaction second =
                    kv.newProposal("increment").addArguments("counter").build().endorse();
            SubmittedTransaction a = first.submitAsync();
            SubmittedTransaction b = second.submitAsync();
            List<TxValidationCode> codes =
                    List.of(a.getStatus().getCode(), b.getStatus().getCode());
            assertThat(codes).containsExactlyInAnyOrder(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
            assertThat(text(kv.evaluateTransaction("get", "counter"))).isEqualTo("11");
        }

        @Test
        void submitThrowsCommitExceptionCarryingTheCode() throws Exception {
            kv.submitTransaction("put", "c2", "1");
            Transaction first =
                    kv.newProposal("increment").addArguments("c2").build().endorse();
            Transaction second =
                    kv.newProposal("increment").addArguments("c2").build().endorse();
            first.submit();
            assertThatThrownBy(second::submit)
                    .isInstanceOfSatisfying(CommitException.class, e -> assertThat(e.getCode())
                            .isEqualTo(TxValidationCode.MVCC_READ_CONFLICT));
        }
    }

    @Nested
    class Events {
        @Test
        void replaysFromAStartBlockAndResumesAfterACheckpoint() throws Exception {
            Network network = alice.getNetwork("alpha");
            Status first = kv.newProposal("put")
                    .addArguments("ev1", "a")
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus();
            kv.submitTransaction("put", "ev2", "b");
            kv.submitTransaction("put", "ev3", "c");
            List<ChaincodeEvent> events = new ArrayList<>();
            try (CloseableIterator<ChaincodeEvent> iterator = network.newChaincodeEventsRequest("kv")
                    .startBlock(first.getBlockNumber())
                    .build()
                    .getEvents(options -> options.withDeadlineAfter(20, TimeUnit.SECONDS))) {
                while (events.size() < 3) {
                    ChaincodeEvent event = iterator.next();
                    if (text(event.getPayload()).startsWith("ev")) {
                        events.add(event);
                    }
                }
            }
            assertThat(events).extracting(e -> text(e.getPayload())).containsExactly("ev1=a", "ev2=b", "ev3=c");
            assertThat(events.get(0).getTransactionId()).isEqualTo(first.getTransactionId());
            assertThat(events.get(0).getBlockNumber()).isEqualTo(first.getBlockNumber());
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getChaincodeName()).isEqualTo("kv");
                assertThat(e.getEventName()).isEqualTo("put");
            });

            org.hyperledger.fabric.client.Checkpointer checkpoint =
                    new org.hyperledger.fabric.client.InMemoryCheckpointer();
            checkpoint.checkpointChaincodeEvent(events.get(1));
            try (CloseableIterator<ChaincodeEvent> resumed = network.newChaincodeEventsRequest("kv")
                    .checkpoint(checkpoint)
                    .build()
                    .getEvents(options -> options.withDeadlineAfter(20, TimeUnit.SECONDS))) {
                assertThat(text(resumed.next().getPayload())).isEqualTo("ev3=c");
            }
        }

        @Test
        void aLiveListenerSeesNewCommits() throws Exception {
            Network network = alice.getNetwork("alpha");
            try (CloseableIterator<ChaincodeEvent> live =
                    network.getChaincodeEvents("kv", options -> options.withDeadlineAfter(20, TimeUnit.SECONDS))) {
                Thread.sleep(200);
                kv.submitTransaction("put", "live", "now");
                ChaincodeEvent event = live.next();
                while (!text(event.getPayload()).equals("live=now")) {
                    event = live.next();
                }
                assertThat(event.getEventName()).isEqualTo("put");
            }
        }
    }

    @Nested
    class Material {
        @Test
        void writesAConnectionProfileAndFabricMspFolders() throws Exception {
            Path data = dir.resolve("data");
            assertThat(data.resolve(Devnet.PROFILE_FILE)).content().contains("\"alice\"", "Org1MSP", "provider");
            ConnectionProfile profile = devnet.profile();
            assertThat(profile.identities()).containsKeys("alice", "admin1", "bob", "carol");
            ConnectionProfile.ProfileIdentity alice = profile.identities().get("alice");
            assertThat(Pem.readCertificate(Files.readString(data.resolve(alice.certificate()))))
                    .isEqualTo(user("alice").identity().certificate());
            Path org1 = data.resolve("crypto/org1");
            assertThat(org1.resolve("msp/cacerts/ca-cert.pem")).isRegularFile();
            assertThat(org1.resolve("msp/config.yaml")).isRegularFile();
            assertThat(org1.resolve("peers/peer0.org1.fdc/tls/server.crt")).isRegularFile();
            assertThat(org1.resolve("peers/peer0.org1.fdc/msp/keystore/priv_sk"))
                    .isRegularFile();
            assertThat(org1.resolve("users/admin1@org1.fdc/msp/signcerts")).isDirectory();
        }
    }
}
