package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreLedgerTest {
    private static final String CHANNEL = "collaboration";
    private static final String CC = "asset";

    @TempDir
    Path dir;

    private final TestMember client = TestMember.create("Org1MSP", "client");
    private final TestMember peer1 = TestMember.create("Org1MSP", "peer");
    private final TestMsp msp =
            new TestMsp().register(CHANNEL, client).register(CHANNEL, peer1).define(CC, Set.of("Org1MSP"));
    private MvStoreLedger ledger;
    private BlockCommitter committer;

    @BeforeEach
    void open() {
        reopen();
    }

    @AfterEach
    void close() {
        committer.close();
        ledger.close();
    }

    private void reopen() {
        if (ledger != null) {
            committer.close();
            ledger.close();
        }
        ledger = MvStoreLedger.open(dir, CHANNEL, () -> TestBlocks.genesis(CHANNEL));
        committer = new BlockCommitter(ledger, msp, msp, 2);
    }

    private TestTx tx() {
        return new TestTx(CHANNEL, CC, client).endorsedBy(peer1);
    }

    private Block commit(TestTx... txs) {
        List<ByteString> envelopes = Arrays.stream(txs).map(TestTx::bytes).toList();
        return committer.commit(TestBlocks.next(ledger, envelopes));
    }

    private String value(String key) {
        try (StateSnapshot snapshot = ledger.snapshot()) {
            return snapshot.get(CC, key)
                    .map(v -> new String(v.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .orElse(null);
        }
    }

    @Nested
    class Opening {
        @Test
        void startsWithAConfigGenesisBlock() throws Exception {
            assertThat(ledger.height()).isEqualTo(1);
            Block genesis = ledger.block(0);
            assertThat(genesis.getHeader().getPreviousHash().isEmpty()).isTrue();
            assertThat(genesis.getMetadata().getMetadataCount()).isEqualTo(5);
            Payload payload = Payload.parseFrom(
                    Envelope.parseFrom(genesis.getData().getData(0)).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            assertThat(header.getType()).isEqualTo(HeaderType.CONFIG_VALUE);
            assertThat(header.getChannelId()).isEqualTo(CHANNEL);
            assertThat(ledger.txStatus(header.getTxId())).contains(new TxStatus(TxValidationCode.VALID, 0));
            assertThat(TransactionsFilter.code(genesis, 0)).isEqualTo(TxValidationCode.VALID);
        }

        @Test
        void keepsBlocksStateAndIndexAcrossRestarts() {
            TestTx first = tx().write(CC, "a", "1").event("Created", "a");
            commit(first);
            commit(tx().write(CC, "a", "2"));
            reopen();
            assertThat(ledger.height()).isEqualTo(3);
            assertThat(value("a")).isEqualTo("2");
            assertThat(ledger.txStatus(first.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
            try (StateSnapshot snapshot = ledger.snapshot()) {
                assertThat(snapshot.history(CC, "a"))
                        .extracting(HistoryEntry::txId)
                        .hasSize(2)
                        .first()
                        .isEqualTo(first.txId());
            }
            assertThat(BlockEvents.validChaincodeEvents(ledger.block(1)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getTxId()).isEqualTo(first.txId()));
        }

        @Test
        void rejectsAnInvalidChannelName() {
            assertThatThrownBy(() -> MvStoreLedger.open(dir.resolve("x"), "Bad Name", () -> TestBlocks.genesis("x")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesASecondOpenOfTheSameStore() {
            assertThatThrownBy(() -> MvStoreLedger.open(dir, CHANNEL, () -> TestBlocks.genesis(CHANNEL)))
                    .isInstanceOf(LedgerException.class);
        }
    }

    @Nested
    class Blocks {
        @Test
        void chainHeadersAndHashDataAsFabric() {
            commit(tx().write(CC, "a", "1"), tx().write(CC, "b", "1"));
            commit(tx().write(CC, "c", "1"));
            for (long n = 1; n < ledger.height(); n++) {
                Block block = ledger.block(n);
                assertThat(block.getHeader().getNumber()).isEqualTo(n);
                assertThat(block.getHeader().getDataHash().toByteArray())
                        .isEqualTo(BlockHashes.dataHash(block.getData()));
                assertThat(block.getHeader().getPreviousHash().toByteArray())
                        .isEqualTo(BlockHashes.headerHash(ledger.block(n - 1).getHeader()));
                assertThat(block.getMetadata().getMetadata(2).size())
                        .isEqualTo(block.getData().getDataCount());
            }
        }

        @Test
        void refuseABlockThatDoesNotChain() {
            Block next =
                    TestBlocks.next(ledger, List.of(tx().write(CC, "a", "1").bytes()));
            Block broken = next.toBuilder()
                    .setHeader(next.getHeader().toBuilder().setPreviousHash(ByteString.copyFrom(new byte[32])))
                    .build();
            assertThatThrownBy(() -> committer.commit(broken)).isInstanceOf(IllegalArgumentException.class);
            Block skipping = next.toBuilder()
                    .setHeader(next.getHeader().toBuilder().setNumber(5))
                    .build();
            assertThatThrownBy(() -> committer.commit(skipping)).isInstanceOf(IllegalArgumentException.class);
            assertThat(ledger.height()).isEqualTo(1);
        }

        @Test
        void unknownBlockNumbersAreAClearError() {
            assertThatThrownBy(() -> ledger.block(7)).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> ledger.block(-1)).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Nested
    class State {
        @Test
        void versionsAreBlockAndIndexInBlock() {
            commit(tx().write(CC, "x", "0"), tx().write(CC, "a", "1"), tx().write(CC, "b", "2"));
            try (StateSnapshot snapshot = ledger.snapshot()) {
                assertThat(snapshot.get(CC, "a").orElseThrow().version()).isEqualTo(new Version(1, 1));
                assertThat(snapshot.get(CC, "b").orElseThrow().version()).isEqualTo(new Version(1, 2));
                assertThat(snapshot.height()).isEqualTo(2);
            }
        }

        @Test
        void deletesRemoveTheKeyAndAppearInHistory() {
            commit(tx().write(CC, "a", "1"));
            TestTx delete = tx().delete(CC, "a");
            commit(delete);
            commit(tx().writeRaw(
                            CC,
                            org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite.newBuilder()
                                    .setKey("b")
                                    .build())); // an empty value is a delete too
            assertThat(value("a")).isNull();
            try (StateSnapshot snapshot = ledger.snapshot()) {
                List<HistoryEntry> history = snapshot.history(CC, "a");
                assertThat(history).extracting(HistoryEntry::deleted).containsExactly(false, true);
                assertThat(history.get(1).txId()).isEqualTo(delete.txId());
                assertThat(history.get(0).timestamp().getSeconds()).isEqualTo(1_790_000_000L);
                assertThat(snapshot.get(CC, "b")).isEmpty();
            }
        }

        @Test
        void historyOfOneKeyNeverIncludesKeysItPrefixes() {
            String key = "\u0000asset\u0000a\u0000";
            String longer = "\u0000asset\u0000a\u0000b\u0000";
            commit(tx().write(CC, key, "1"), tx().write(CC, longer, "2"));
            commit(tx().write(CC, key, "3"));
            try (StateSnapshot snapshot = ledger.snapshot()) {
                assertThat(snapshot.history(CC, key))
                        .extracting(e -> new String(e.value(), java.nio.charset.StandardCharsets.UTF_8))
                        .containsExactly("1", "3");
                assertThat(snapshot.history(CC, longer)).hasSize(1);
            }
        }

        @Test
        void rangeScansFollowUtf8ByteOrder() {
            // U+FFFD sorts before U+1F600 in UTF-8 but after it in UTF-16.
            commit(tx().write(CC, "k\uFFFD", "bmp")
                    .write(CC, "k\uD83D\uDE00", "emoji")
                    .write(CC, "k", "plain")
                    .write(CC, "l", "after"));
            try (StateSnapshot snapshot = ledger.snapshot()) {
                List<String> keys = new ArrayList<>();
                snapshot.range(CC, "k", "l").forEachRemaining(e -> keys.add(e.key()));
                assertThat(keys).containsExactly("k", "k\uFFFD", "k\uD83D\uDE00");
                List<String> all = new ArrayList<>();
                snapshot.range(CC, "", "").forEachRemaining(e -> all.add(e.key()));
                assertThat(all).hasSize(4).last().isEqualTo("l");
            }
        }

        @Test
        void metadataSurvivesValueWritesAndIsDroppedForMissingKeys() {
            commit(tx().write(CC, "a", "1"));
            commit(tx().writeMetadata(CC, "a", "VALIDATION_PARAMETER", "policy")
                    .writeMetadata(CC, "ghost", "VALIDATION_PARAMETER", "x"));
            commit(tx().write(CC, "a", "2"));
            try (StateSnapshot snapshot = ledger.snapshot()) {
                assertThat(snapshot.metadata(CC, "a")).containsOnlyKeys("VALIDATION_PARAMETER");
                assertThat(snapshot.get(CC, "a").orElseThrow().version()).isEqualTo(new Version(3, 0));
                assertThat(snapshot.get(CC, "ghost")).isEmpty();
                assertThat(snapshot.history(CC, "a")).hasSize(2);
            }
        }

        @Test
        void snapshotsStayAtTheirHeight() {
            commit(tx().write(CC, "a", "1"));
            try (StateSnapshot before = ledger.snapshot()) {
                commit(tx().write(CC, "a", "2").write(CC, "b", "new"));
                assertThat(before.height()).isEqualTo(2);
                assertThat(new String(before.get(CC, "a").orElseThrow().value()))
                        .isEqualTo("1");
                assertThat(before.get(CC, "b")).isEmpty();
                assertThat(before.history(CC, "a")).hasSize(1);
            }
            assertThat(value("a")).isEqualTo("2");
        }
    }

    @Nested
    class ConcurrentReaders {
        @Test
        void neverSeeHalfABlock() throws Exception {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            List<String> torn = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try (StateSnapshot snapshot = ledger.snapshot()) {
                        String a = snapshot.get(CC, "a")
                                .map(v -> new String(v.value()))
                                .orElse("-");
                        String b = snapshot.get(CC, "b")
                                .map(v -> new String(v.value()))
                                .orElse("-");
                        long keys = 0;
                        for (var it = snapshot.range(CC, "", ""); it.hasNext(); it.next()) {
                            keys++;
                        }
                        if (!a.equals(b) || (snapshot.height() > 1 && keys != snapshot.height() + 1)) {
                            torn.add(snapshot.height() + ": " + a + "/" + b + "/" + keys);
                        }
                        reads.incrementAndGet();
                    }
                }
            });
            reader.start();
            for (int n = 1; n <= 15; n++) {
                commit(tx().write(CC, "a", "v" + n).write(CC, "b", "v" + n).write(CC, "n" + n, "x"));
            }
            done.set(true);
            reader.join();
            assertThat(torn).isEmpty();
            assertThat(reads.get()).isPositive();
        }
    }

    @Nested
    class Listeners {
        @Test
        void hearOfEachBlockAfterItsTransactionsAreIndexed() throws Exception {
            List<TxStatus> seen = new CopyOnWriteArrayList<>();
            TestTx tx = tx().write(CC, "a", "1");
            try (AutoCloseable handle = ledger.addCommitListener(
                    (channel, block) -> seen.add(ledger.txStatus(tx.txId()).orElse(null)))) {
                commit(tx);
            }
            commit(tx().write(CC, "b", "1"));
            assertThat(seen).containsExactly(new TxStatus(TxValidationCode.VALID, 1));
        }
    }

    @Nested
    class Recovery {
        private Path store() {
            return dir.resolve(MvStoreLedger.FILE_NAME);
        }

        /** What a crash during a commit leaves: the record of the last height whose commit returned. */
        private void recordHeight(long height) throws IOException {
            Files.write(
                    HeightRecord.fileIn(dir),
                    java.nio.ByteBuffer.allocate(Long.BYTES).putLong(height).array());
        }

        @Test
        void aTornLastWriteFallsBackToTheLastCommittedBlock() throws IOException {
            TestTx kept = tx().write(CC, "a", "1");
            commit(kept);
            Path committedCopy = dir.resolve("committed.copy");
            Files.copy(store(), committedCopy);
            long committedLength = Files.size(store());
            TestTx lost = tx().write(CC, "a", "2").write(CC, "big", "x".repeat(20_000));
            commit(lost);
            long crashedLength = Files.size(store());
            committer.close();
            ledger.close();
            ledger = null;
            assertThat(crashedLength).isGreaterThan(committedLength);

            // The crash cut the last chunk (block 2) short in the middle, before the height record was written.
            recordHeight(2);
            try (RandomAccessFile file = new RandomAccessFile(store().toFile(), "rw")) {
                file.setLength(committedLength + (crashedLength - committedLength) / 2);
            }
            reopen();
            assertThat(ledger.height()).isEqualTo(2);
            assertThat(value("a")).isEqualTo("1");
            assertThat(value("big")).isNull();
            assertThat(ledger.txStatus(kept.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
            assertThat(ledger.txStatus(lost.txId())).isEmpty();

            // The recovered ledger accepts the next block normally.
            commit(tx().write(CC, "a", "3"));
            assertThat(value("a")).isEqualTo("3");
            assertThat(ledger.height()).isEqualTo(3);
        }

        @Test
        void aGarbledLastChunkFallsBackToTheLastCommittedBlock() throws IOException {
            commit(tx().write(CC, "a", "1"));
            long committedLength = Files.size(store());
            commit(tx().write(CC, "a", "2").write(CC, "big", "y".repeat(20_000)));
            long crashedLength = Files.size(store());
            committer.close();
            ledger.close();
            ledger = null;
            // The chunk's header and footer reached the disk, its pages did not (out-of-order write-back).
            recordHeight(2);
            try (RandomAccessFile file = new RandomAccessFile(store().toFile(), "rw")) {
                file.seek(committedLength + 200);
                file.write(new byte[(int) (crashedLength - committedLength - 400)]);
            }
            assertThat(crashedLength).isGreaterThan(committedLength);
            reopen();
            assertThat(ledger.height()).isEqualTo(2);
            assertThat(value("a")).isEqualTo("1");
        }

        @Test
        void aStoredValueThatNeverReachedTheDiskIsDetectedAndRolledBack() throws IOException {
            commit(tx().write(CC, "a", "1"));
            long committedLength = Files.size(store());
            commit(tx().write(CC, "a", "2").write(CC, "big", "z".repeat(60_000)));
            long crashedLength = Files.size(store());
            committer.close();
            ledger.close();
            ledger = null;
            // Zero the stored state and history copies of the value (each follows its 4-byte length), not the
            // block's copy: no MVStore page check covers value bytes, so only the ledger's own check can tell.
            byte[] content = Files.readAllBytes(store());
            String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
            String marker = "\u0000\u0000\u00ea\u0060" + "z".repeat(100);
            int corrupted = 0;
            try (RandomAccessFile file = new RandomAccessFile(store().toFile(), "rw")) {
                for (int at = text.indexOf(marker, (int) committedLength); at >= 0; at = text.indexOf(marker, at + 1)) {
                    file.seek(at + 1_000);
                    file.write(new byte[5_000]);
                    corrupted++;
                }
            }
            assertThat(corrupted).isEqualTo(2);
            assertThat(crashedLength).isGreaterThan(committedLength);
            recordHeight(2);
            reopen();
            assertThat(ledger.height()).isEqualTo(2);
            assertThat(value("a")).isEqualTo("1");
            assertThat(value("big")).isNull();
        }
    }
}
