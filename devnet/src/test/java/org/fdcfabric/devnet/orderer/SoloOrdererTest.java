package org.fdcfabric.devnet.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fdcfabric.devnet.ledger.BlockCommitter;
import org.fdcfabric.devnet.ledger.BlockHashes;
import org.fdcfabric.devnet.ledger.MvStoreLedger;
import org.fdcfabric.devnet.ledger.TestBlocks;
import org.fdcfabric.devnet.ledger.TestMember;
import org.fdcfabric.devnet.ledger.TestMsp;
import org.fdcfabric.devnet.ledger.TestTx;
import org.fdcfabric.devnet.ledger.TransactionsFilter;
import org.fdcfabric.devnet.ledger.TxStatus;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoloOrdererTest {
    private static final String CHANNEL = "registration";
    private static final String CC = "registry";

    @TempDir
    Path dir;

    private final TestMember client = TestMember.create("Org1MSP", "client");
    private final TestMember peer = TestMember.create("Org1MSP", "peer");
    private final TestMember orderer = TestMember.create("OrdererMSP", "orderer");
    private final TestMsp msp =
            new TestMsp().register(CHANNEL, client).register(CHANNEL, peer).define(CC, Set.of("Org1MSP"));
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MvStoreLedger ledger;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private SoloOrderer start(BatchConfig config, Clock clock) {
        ledger = MvStoreLedger.open(dir.resolve("ledger"), CHANNEL, () -> TestBlocks.genesis(CHANNEL));
        resources.add(ledger);
        BlockCommitter committer = new BlockCommitter(ledger, msp, msp, 2);
        resources.add(committer);
        SoloOrderer solo = new SoloOrderer(
                dir.resolve("orderer"),
                List.of(committer),
                config,
                orderer::sign,
                orderer.serialized(),
                msp,
                WritersPolicy.clientsAndAdmins(),
                clock);
        resources.add(solo);
        return solo;
    }

    private SoloOrderer start(BatchConfig config) {
        return start(config, Clock.systemUTC());
    }

    private TestTx tx(String key) {
        return new TestTx(CHANNEL, CC, client).endorsedBy(peer).write(CC, key, "v");
    }

    private void awaitHeight(long height) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ledger.height() < height && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ledger.height()).isEqualTo(height);
    }

    @Nested
    class Admission {
        private final BatchConfig config = new BatchConfig(10, 64 * 1024, 32 * 1024, Duration.ofMillis(50));

        @Test
        void acceptsAWellSignedEndorserTransaction() {
            assertThat(start(config).broadcast(CHANNEL, tx("a").envelope())).isEqualTo(Status.SUCCESS);
        }

        @Test
        void rejectsMalformedOrOversizedEnvelopesAsBadRequest() {
            SoloOrderer solo = start(config);
            assertThat(solo.broadcast(CHANNEL, Envelope.getDefaultInstance())).isEqualTo(Status.BAD_REQUEST);
            assertThat(solo.broadcast(
                            CHANNEL,
                            Envelope.newBuilder()
                                    .setPayload(ByteString.copyFromUtf8("not a payload"))
                                    .build()))
                    .isEqualTo(Status.BAD_REQUEST);
            assertThat(solo.broadcast(
                            CHANNEL,
                            tx("big").write(CC, "x", "x".repeat(70_000)).envelope()))
                    .isEqualTo(Status.BAD_REQUEST);
            assertThat(solo.broadcast(CHANNEL, tx("a").channel("collaboration").envelope()))
                    .isEqualTo(Status.BAD_REQUEST);
            assertThat(solo.broadcast(CHANNEL, tx("a").headerType(2).envelope()))
                    .isEqualTo(Status.BAD_REQUEST);
        }

        @Test
        void rejectsUnknownChannelsAsNotFound() {
            assertThat(start(config).broadcast("other", tx("a").envelope())).isEqualTo(Status.NOT_FOUND);
        }

        @Test
        void rejectsForgedUnknownAndNonWriterCreatorsAsForbidden() {
            SoloOrderer solo = start(config);
            Envelope forged = tx("a").envelope().toBuilder()
                    .setSignature(ByteString.copyFrom(
                            TestMember.create("Org1MSP", "client").sign(new byte[] {1})))
                    .build();
            assertThat(solo.broadcast(CHANNEL, forged)).isEqualTo(Status.FORBIDDEN);
            TestMember stranger = TestMember.create("Org1MSP", "client");
            assertThat(solo.broadcast(CHANNEL, new TestTx(CHANNEL, CC, stranger).envelope()))
                    .isEqualTo(Status.FORBIDDEN);
            assertThat(solo.broadcast(CHANNEL, new TestTx(CHANNEL, CC, peer).envelope()))
                    .isEqualTo(Status.FORBIDDEN);
        }

        @Test
        void rejectsAnExpiredCreatorCertificate() {
            Clock future = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
            assertThat(start(config, future).broadcast(CHANNEL, tx("a").envelope()))
                    .isEqualTo(Status.BAD_REQUEST);
        }

        @Test
        void refusesEnvelopesAfterClose() {
            SoloOrderer solo = start(config);
            solo.close();
            assertThat(solo.broadcast(CHANNEL, tx("a").envelope())).isEqualTo(Status.SERVICE_UNAVAILABLE);
        }
    }

    @Nested
    class Cutting {
        @Test
        void cutsAtMaxMessageCountAndThenOnTimeout() throws Exception {
            SoloOrderer solo = start(new BatchConfig(3, 1 << 20, 1 << 19, Duration.ofMillis(300)));
            for (int i = 0; i < 7; i++) {
                assertThat(solo.broadcast(CHANNEL, tx("k" + i).envelope())).isEqualTo(Status.SUCCESS);
            }
            awaitHeight(3);
            assertThat(ledger.block(1).getData().getDataCount()).isEqualTo(3);
            assertThat(ledger.block(2).getData().getDataCount()).isEqualTo(3);
            awaitHeight(4);
            assertThat(ledger.block(3).getData().getDataCount()).isEqualTo(1);
        }

        @Test
        void cutsBeforeExceedingPreferredMaxBytes() throws Exception {
            List<Envelope> envelopes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                envelopes.add(
                        tx("k" + i).write(CC, "pad" + i, "p".repeat(5_000)).envelope());
            }
            int size = envelopes.get(0).getPayload().size()
                    + envelopes.get(0).getSignature().size();
            SoloOrderer solo = start(new BatchConfig(100, 1 << 20, 2 * size + 100, Duration.ofMillis(200)));
            envelopes.forEach(envelope -> solo.broadcast(CHANNEL, envelope));
            awaitHeight(3);
            assertThat(ledger.block(1).getData().getDataCount()).isEqualTo(2);
            assertThat(ledger.block(2).getData().getDataCount()).isEqualTo(1);
        }

        @Test
        void closeCommitsEveryAcceptedEnvelope() {
            SoloOrderer solo = start(new BatchConfig(1000, 1 << 20, 1 << 19, Duration.ofSeconds(30)));
            List<TestTx> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TestTx tx = tx("k" + i);
                sent.add(tx);
                assertThat(solo.broadcast(CHANNEL, tx.envelope())).isEqualTo(Status.SUCCESS);
            }
            solo.close();
            for (TestTx tx : sent) {
                assertThat(ledger.txStatus(tx.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
            }
        }
    }

    @Nested
    class Closing {
        @Test
        void everyEnvelopeAcknowledgedWhileClosingIsCommitted() throws Exception {
            SoloOrderer solo = start(new BatchConfig(7, 1 << 20, 1 << 19, Duration.ofMillis(20)));
            List<TestTx> prepared = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                prepared.add(tx("c" + i));
            }
            List<Envelope> envelopes = prepared.stream().map(TestTx::envelope).toList();
            List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                Thread submitter = new Thread(() -> {
                    for (int i = offset; i < envelopes.size(); i += 4) {
                        if (solo.broadcast(CHANNEL, envelopes.get(i)) == Status.SUCCESS) {
                            acknowledged.add(prepared.get(i).txId());
                        }
                    }
                });
                submitters.add(submitter);
                submitter.start();
            }
            Thread.sleep(5);
            solo.close();
            for (Thread submitter : submitters) {
                submitter.join();
            }
            assertThat(acknowledged).isNotEmpty();
            for (String txId : acknowledged) {
                assertThat(ledger.txStatus(txId)).isPresent();
            }
        }
    }

    @Nested
    class Blocks {
        @Test
        void carryTheOrderersSignatureOverTheHeader() throws Exception {
            SoloOrderer solo = start(new BatchConfig(1, 1 << 20, 1 << 19, Duration.ofMillis(50)));
            solo.broadcast(CHANNEL, tx("a").envelope());
            awaitHeight(2);
            Block block = ledger.block(1);
            assertThat(block.getMetadata().getMetadataCount()).isEqualTo(5);
            Metadata signatures = Metadata.parseFrom(block.getMetadata().getMetadata(0));
            assertThat(OrdererBlockMetadata.parseFrom(signatures.getValue())
                            .getLastConfig()
                            .getIndex())
                    .isZero();
            MetadataSignature signature = signatures.getSignatures(0);
            assertThat(SignatureHeader.parseFrom(signature.getSignatureHeader()).getCreator())
                    .isEqualTo(orderer.serialized());
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(orderer.keys().getPublic());
            verifier.update(signatures
                    .getValue()
                    .concat(signature.getSignatureHeader())
                    .concat(ByteString.copyFrom(BlockHashes.headerBytes(block.getHeader())))
                    .toByteArray());
            assertThat(verifier.verify(signature.getSignature().toByteArray())).isTrue();
            assertThat(TransactionsFilter.code(block, 0)).isEqualTo(TxValidationCode.VALID);
        }

        @Test
        void continueTheChainAfterARestart() throws Exception {
            SoloOrderer solo = start(new BatchConfig(1, 1 << 20, 1 << 19, Duration.ofMillis(50)));
            solo.broadcast(CHANNEL, tx("a").envelope());
            awaitHeight(2);
            closeAll();
            resources.clear();
            SoloOrderer again = start(new BatchConfig(1, 1 << 20, 1 << 19, Duration.ofMillis(50)));
            again.broadcast(CHANNEL, tx("b").envelope());
            awaitHeight(3);
            assertThat(ledger.block(2).getHeader().getPreviousHash().toByteArray())
                    .isEqualTo(BlockHashes.headerHash(ledger.block(1).getHeader()));
        }
    }

    /**
     * A crash is simulated by closing the ledger under a running orderer and abandoning that orderer (its thread
     * waits idle, as a killed process would never resume): what survives is only what the orderer wrote to disk.
     */
    @Nested
    class WriteAheadLog {
        private void crash() throws Exception {
            // the ledger and committer go as in a kill; the orderer is abandoned without close()
            for (int i = resources.size() - 1; i >= 0; i--) {
                if (!(resources.get(i) instanceof SoloOrderer)) {
                    resources.get(i).close();
                }
            }
            resources.clear();
        }

        @Test
        void envelopesAcknowledgedButNotYetInABlockAreOrderedAfterACrash() throws Exception {
            SoloOrderer solo = start(new BatchConfig(1_000, 1 << 20, 1 << 19, Duration.ofHours(1)));
            List<TestTx> acknowledged = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestTx tx = tx("k" + i);
                assertThat(solo.broadcast(CHANNEL, tx.envelope())).isEqualTo(Status.SUCCESS);
                acknowledged.add(tx);
            }
            assertThat(ledger.height()).as("nothing was cut yet").isEqualTo(1);
            crash();

            start(new BatchConfig(1_000, 1 << 20, 1 << 19, Duration.ofMillis(20)));
            awaitHeight(2);
            for (TestTx tx : acknowledged) {
                assertThat(ledger.txStatus(tx.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
            }
        }

        @Test
        void aBlockCutButNeverCommittedIsCommittedFromTheLogAfterACrash() throws Exception {
            SoloOrderer solo = start(new BatchConfig(1, 1 << 20, 1 << 19, Duration.ofMillis(20)));
            TestTx first = tx("first");
            solo.broadcast(CHANNEL, first.envelope());
            awaitHeight(2);
            ledger.close(); // the next commit fails, as if the process died between cut and commit
            TestTx second = tx("second");
            assertThat(solo.broadcast(CHANNEL, second.envelope())).isEqualTo(Status.SUCCESS);
            Path log = dir.resolve("orderer").resolve(CHANNEL);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (AcceptedLog.read(log, CHANNEL).blocks().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(AcceptedLog.read(log, CHANNEL).blocks())
                    .extracting(AcceptedLog.CutBlock::number)
                    .contains(2L);
            crash();

            start(new BatchConfig(1, 1 << 20, 1 << 19, Duration.ofMillis(20)));
            awaitHeight(3);
            assertThat(ledger.txStatus(first.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
            assertThat(ledger.txStatus(second.txId())).contains(new TxStatus(TxValidationCode.VALID, 2));
        }

        @Test
        void aCleanCloseLeavesAnEmptyLog() throws Exception {
            SoloOrderer solo = start(new BatchConfig(10, 1 << 20, 1 << 19, Duration.ofMillis(20)));
            solo.broadcast(CHANNEL, tx("a").envelope());
            closeAll();
            resources.clear();
            AcceptedLog.Contents left = AcceptedLog.read(dir.resolve("orderer").resolve(CHANNEL), CHANNEL);
            assertThat(left.blocks()).isEmpty();
            assertThat(left.pending()).isEmpty();
        }
    }
}
