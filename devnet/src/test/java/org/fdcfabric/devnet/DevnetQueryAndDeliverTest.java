package org.fdcfabric.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.devnet.config.CryptoMaterial;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.devnet.ledger.BlockHashes;
import org.fdcfabric.devnet.testcc.TestChaincodeJar;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qscc} evaluated through the unchanged Gateway SDK, and the Deliver service through the SDK's block event
 * requests and through hand-built seek envelopes for the statuses the SDK does not reach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetQueryAndDeliverTest {
    private static final long DEADLINE_SECONDS = 30;

    private Devnet devnet;
    private ManagedChannel channel;
    private Gateway alice;
    private Network alpha;
    private Contract kv;
    private Contract qscc;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
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
                      - { name: kv, version: "1.0", jar: "%s", policy: "OR('Org1MSP.peer')" }
                  - name: beta
                    orgs: [Org1MSP, Org2MSP]
                    chaincodes:
                      - { name: kv, version: "1.0", jar: "%s", policy: "OR('Org1MSP.peer')" }
                batch: { maxMessageCount: 10, timeoutMillis: 20 }
                """.formatted(jar, jar));
        devnet = Devnet.start(DevnetConfig.load(configFile), dir.resolve("data"), 0);
        ConnectionProfile profile = devnet.profile();
        channel = Grpc.newChannelBuilder(
                        profile.gateway().address(),
                        TlsChannelCredentials.newBuilder()
                                .trustManager(dir.resolve("data")
                                        .resolve(profile.gateway().tlsRootCert())
                                        .toFile())
                                .build())
                .build();
        alice = gateway("alice");
        alpha = alice.getNetwork("alpha");
        kv = alpha.getContract("kv");
        qscc = alpha.getContract("qscc");
        // a block after the genesis block, whichever nested class runs first
        put("first", "block");
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

    private CryptoMaterial.User user(String name) {
        return devnet.crypto().orgs().stream()
                .flatMap(org -> org.users().values().stream())
                .filter(user -> user.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private Gateway gateway(String name) throws Exception {
        CryptoMaterial.User user = user(name);
        return Gateway.newInstance()
                .identity(new X509Identity(
                        user.identity().mspId(), user.identity().certificate()))
                .signer(Signers.newPrivateKeySigner(user.identity().privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS))
                .connect();
    }

    private Status put(String key, String value) throws Exception {
        SubmittedTransaction submitted =
                kv.newProposal("put").addArguments(key, value).build().endorse().submitAsync();
        Status status = submitted.getStatus();
        assertThat(status.isSuccessful()).isTrue();
        return status;
    }

    private Block block(long number) throws Exception {
        return Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", "alpha", Long.toString(number)));
    }

    private static String txId(ByteString envelope) throws Exception {
        Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
        return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
    }

    @Nested
    class Qscc {
        @Test
        void chainInfoNamesTheNewestBlockByItsHeaderHash() throws Exception {
            put("info", "1");
            BlockchainInfo info = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", "alpha"));
            Block newest = block(info.getHeight() - 1);
            assertThat(info.getHeight()).isGreaterThanOrEqualTo(2);
            assertThat(info.getCurrentBlockHash().toByteArray()).isEqualTo(BlockHashes.headerHash(newest.getHeader()));
            assertThat(info.getPreviousBlockHash()).isEqualTo(newest.getHeader().getPreviousHash());
            // MaxUint64 asks for the newest block, as Fabric's block store reads it
            assertThat(Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", "alpha", "18446744073709551615")))
                    .isEqualTo(newest);
        }

        @Test
        void blocksAreFoundByNumberHashAndTransactionId() throws Exception {
            Status status = put("find", "me");
            Block byNumber = block(status.getBlockNumber());
            Block byHash = Block.parseFrom(qscc.evaluateTransaction(
                    "GetBlockByHash",
                    "alpha".getBytes(StandardCharsets.UTF_8),
                    BlockHashes.headerHash(byNumber.getHeader())));
            Block byTxId =
                    Block.parseFrom(qscc.evaluateTransaction("GetBlockByTxID", "alpha", status.getTransactionId()));
            assertThat(byHash).isEqualTo(byNumber);
            assertThat(byTxId).isEqualTo(byNumber);
            List<String> txIds = new ArrayList<>();
            for (ByteString envelope : byNumber.getData().getDataList()) {
                txIds.add(txId(envelope));
            }
            assertThat(txIds).contains(status.getTransactionId());
            assertThat(block(0).getHeader().getNumber()).isZero();
        }

        @Test
        void aTransactionComesWithItsValidationCode() throws Exception {
            Status status = put("tx", "by-id");
            ProcessedTransaction processed = ProcessedTransaction.parseFrom(
                    qscc.evaluateTransaction("GetTransactionByID", "alpha", status.getTransactionId()));
            assertThat(processed.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
            assertThat(txId(processed.getTransactionEnvelope().toByteString())).isEqualTo(status.getTransactionId());
            assertThat(processed.getTransactionEnvelope().getSignature()).isNotEmpty();
        }

        @Test
        void unknownIdsFailAsFabricsBlockIndexSays() {
            assertThatThrownBy(() -> qscc.evaluateTransaction("GetTransactionByID", "alpha", "feed"))
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("chaincode response 500")
                    .hasMessageContaining("Failed to get transaction with id feed, error no such transaction ID"
                            + " [feed] in index");
            assertThatThrownBy(() -> block(1_000_000)).hasMessageContaining("no such block number [1000000] in index");
            assertThatThrownBy(() -> qscc.evaluateTransaction("GetBlockByNumber", "alpha", "x"))
                    .hasMessageContaining("Failed to parse block number");
            assertThatThrownBy(() -> qscc.evaluateTransaction("GetChainInfo", "gamma"))
                    .hasMessageContaining("Invalid chain ID, gamma");
            assertThatThrownBy(() -> qscc.evaluateTransaction("GetBlockByNumber", "alpha"))
                    .hasMessageContaining("missing 3rd argument for GetBlockByNumber");
            assertThatThrownBy(() -> qscc.evaluateTransaction("Drop", "alpha", "1"))
                    .hasMessageContaining("access denied for [Drop][alpha]: [Unmapped policy for qscc/Drop]");
        }

        @Test
        void theNamedChannelsReadersPolicyApplies() throws Exception {
            // carol's org is on alpha but not on beta: she may ask alpha's peer, but not about beta
            try (Gateway carol = gateway("carol")) {
                Contract carolQscc = carol.getNetwork("alpha").getContract("qscc");
                assertThat(BlockchainInfo.parseFrom(carolQscc.evaluateTransaction("GetChainInfo", "alpha"))
                                .getHeight())
                        .isPositive();
                assertThatThrownBy(() -> carolQscc.evaluateTransaction("GetChainInfo", "beta"))
                        .hasMessageContaining("access denied for [GetChainInfo][beta]");
            }
            assertThat(BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", "beta"))
                            .getHeight())
                    .isPositive();
        }
    }

    @Nested
    class BlockEvents {
        @Test
        void blocksFromTheGenesisBlockOnAndThenLiveOnes() throws Exception {
            try (CloseableIterator<Block> blocks = alpha.newBlockEventsRequest()
                    .startBlock(0)
                    .build()
                    .getEvents(options -> options.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS))) {
                assertThat(blocks.next().getHeader().getNumber()).isZero();
                Block first = blocks.next();
                assertThat(first.getHeader().getNumber()).isEqualTo(1);
                assertThat(first.getHeader().getPreviousHash().toByteArray())
                        .isEqualTo(BlockHashes.headerHash(block(0).getHeader()));
                Status status = put("live", "block");
                Block next = blocks.next();
                while (next.getHeader().getNumber() < status.getBlockNumber()) {
                    next = blocks.next();
                }
                assertThat(next).isEqualTo(block(status.getBlockNumber()));
            }
        }

        @Test
        void filteredBlocksCarryTxIdsCodesAndEventNamesOnly() throws Exception {
            Status status = put("filtered", "payload");
            try (CloseableIterator<FilteredBlock> blocks = alpha.newFilteredBlockEventsRequest()
                    .startBlock(status.getBlockNumber())
                    .build()
                    .getEvents(options -> options.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS))) {
                FilteredBlock filtered = blocks.next();
                assertThat(filtered.getNumber()).isEqualTo(status.getBlockNumber());
                assertThat(filtered.getChannelId()).isEqualTo("alpha");
                FilteredTransaction transaction = filtered.getFilteredTransactionsList().stream()
                        .filter(tx -> tx.getTxid().equals(status.getTransactionId()))
                        .findFirst()
                        .orElseThrow();
                assertThat(transaction.getType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION);
                assertThat(transaction.getTxValidationCode()).isEqualTo(TxValidationCode.VALID);
                var event = transaction
                        .getTransactionActions()
                        .getChaincodeActions(0)
                        .getChaincodeEvent();
                assertThat(event.getEventName()).isEqualTo("put");
                assertThat(event.getChaincodeId()).isEqualTo("kv");
                assertThat(event.getPayload()).isEmpty();
            }
        }

        @Test
        void blockAndPrivateDataEventsCarryTheBlock() throws Exception {
            Status status = put("private", "none");
            try (CloseableIterator<BlockAndPrivateData> blocks = alpha.newBlockAndPrivateDataEventsRequest()
                    .startBlock(status.getBlockNumber())
                    .build()
                    .getEvents(options -> options.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS))) {
                BlockAndPrivateData next = blocks.next();
                assertThat(next.getBlock()).isEqualTo(block(status.getBlockNumber()));
                assertThat(next.getPrivateDataMapMap()).isEmpty();
            }
        }
    }

    /** Seek envelopes built and signed here, for the statuses and stop positions the SDK never asks for. */
    @Nested
    class SeekRequests {
        private List<DeliverResponse> deliver(Envelope request) throws Exception {
            CompletableFuture<List<DeliverResponse>> done = new CompletableFuture<>();
            List<DeliverResponse> received = new ArrayList<>();
            StreamObserver<Envelope> requests = DeliverGrpc.newStub(channel)
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .deliver(new StreamObserver<>() {
                        @Override
                        public void onNext(DeliverResponse response) {
                            received.add(response);
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(received);
                        }
                    });
            requests.onNext(request);
            // the peer waits for further seek requests until the client closes its side
            requests.onCompleted();
            return done.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }

        private Envelope seek(String user, String channelId, SeekPosition start, SeekPosition stop, Instant time)
                throws Exception {
            CryptoMaterial.User signer = user(user);
            ByteString creator = ByteString.copyFrom(signer.identity().serialize());
            SeekInfo.Builder seekInfo = SeekInfo.newBuilder();
            if (start != null) {
                seekInfo.setStart(start);
            }
            if (stop != null) {
                seekInfo.setStop(stop);
            }
            ByteString payload = Payload.newBuilder()
                    .setHeader(Header.newBuilder()
                            .setChannelHeader(ChannelHeader.newBuilder()
                                    .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                                    .setChannelId(channelId)
                                    .setTimestamp(Timestamp.newBuilder().setSeconds(time.getEpochSecond()))
                                    .build()
                                    .toByteString())
                            .setSignatureHeader(SignatureHeader.newBuilder()
                                    .setCreator(creator)
                                    .build()
                                    .toByteString()))
                    .setData(seekInfo.build().toByteString())
                    .build()
                    .toByteString();
            Signer sign = Signers.newPrivateKeySigner(signer.identity().privateKey());
            return Envelope.newBuilder()
                    .setPayload(payload)
                    .setSignature(ByteString.copyFrom(sign.sign(Hash.SHA256.apply(payload.toByteArray()))))
                    .build();
        }

        private SeekPosition at(long number) {
            return SeekPosition.newBuilder()
                    .setSpecified(SeekSpecified.newBuilder().setNumber(number))
                    .build();
        }

        private org.hyperledger.fabric.protos.common.Status status(List<DeliverResponse> responses) {
            DeliverResponse last = responses.get(responses.size() - 1);
            assertThat(last.getTypeCase()).isEqualTo(DeliverResponse.TypeCase.STATUS);
            return last.getStatus();
        }

        @Test
        void aBoundedRangeIsSentAndClosedWithSuccess() throws Exception {
            List<DeliverResponse> responses = deliver(seek("alice", "alpha", at(0), at(1), Instant.now()));
            assertThat(responses).hasSize(3);
            assertThat(responses.get(0).getBlock().getHeader().getNumber()).isZero();
            assertThat(responses.get(1).getBlock().getHeader().getNumber()).isEqualTo(1);
            assertThat(status(responses)).isEqualTo(org.hyperledger.fabric.protos.common.Status.SUCCESS);
        }

        @Test
        void oldestToOldestAndNewestToNewestAreOneBlockEach() throws Exception {
            SeekPosition oldest = SeekPosition.newBuilder()
                    .setOldest(SeekOldest.getDefaultInstance())
                    .build();
            SeekPosition newest = SeekPosition.newBuilder()
                    .setNewest(SeekNewest.getDefaultInstance())
                    .build();
            List<DeliverResponse> first = deliver(seek("bob", "alpha", oldest, oldest, Instant.now()));
            assertThat(first).hasSize(2);
            assertThat(first.get(0).getBlock().getHeader().getNumber()).isZero();
            long height = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", "alpha"))
                    .getHeight();
            List<DeliverResponse> last = deliver(seek("bob", "alpha", newest, newest, Instant.now()));
            assertThat(last).hasSize(2);
            assertThat(last.get(0).getBlock().getHeader().getNumber()).isGreaterThanOrEqualTo(height - 1);
        }

        @Test
        void refusalsUseFabricsStatuses() throws Exception {
            Instant now = Instant.now();
            assertThat(status(deliver(seek("alice", "gamma", at(0), at(0), now))))
                    .isEqualTo(org.hyperledger.fabric.protos.common.Status.NOT_FOUND);
            // carol's org is not on beta
            assertThat(status(deliver(seek("carol", "beta", at(0), at(0), now))))
                    .isEqualTo(org.hyperledger.fabric.protos.common.Status.FORBIDDEN);
            assertThat(status(deliver(seek("alice", "alpha", at(1), at(0), now))))
                    .isEqualTo(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST);
            assertThat(status(deliver(seek("alice", "alpha", null, at(1), now))))
                    .isEqualTo(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST);
            assertThat(status(deliver(seek("alice", "alpha", at(1_000_000), at(1_000_001), now))))
                    .isEqualTo(org.hyperledger.fabric.protos.common.Status.NOT_FOUND);
            assertThat(status(deliver(seek("alice", "alpha", at(0), at(0), now.minusSeconds(3600)))))
                    .isEqualTo(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST);
            Envelope forged = seek("alice", "alpha", at(0), at(0), now).toBuilder()
                    .setSignature(seek("bob", "alpha", at(0), at(0), now).getSignature())
                    .build();
            assertThat(status(deliver(forged))).isEqualTo(org.hyperledger.fabric.protos.common.Status.FORBIDDEN);
        }

        @Test
        void failIfNotReadyAnswersNotFoundAtTheHeight() throws Exception {
            long height = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", "alpha"))
                    .getHeight();
            Envelope request = seek("alice", "alpha", at(height - 1), at(height + 5), Instant.now());
            SeekInfo failFast = SeekInfo.parseFrom(
                            Payload.parseFrom(request.getPayload()).getData())
                    .toBuilder()
                    .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY)
                    .build();
            Payload payload = Payload.parseFrom(request.getPayload()).toBuilder()
                    .setData(failFast.toByteString())
                    .build();
            Signer sign = Signers.newPrivateKeySigner(user("alice").identity().privateKey());
            List<DeliverResponse> responses = deliver(Envelope.newBuilder()
                    .setPayload(payload.toByteString())
                    .setSignature(ByteString.copyFrom(sign.sign(Hash.SHA256.apply(payload.toByteArray()))))
                    .build());
            assertThat(responses.get(0).getBlock().getHeader().getNumber()).isEqualTo(height - 1);
            assertThat(status(responses)).isEqualTo(org.hyperledger.fabric.protos.common.Status.NOT_FOUND);
        }
    }
}
