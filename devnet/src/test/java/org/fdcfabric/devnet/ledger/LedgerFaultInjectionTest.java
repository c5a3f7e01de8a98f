package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages a stopped ledger the ways disks and careless operators do (cut at every sixteenth of the newest chunk,
 * bytes flipped in the store headers, the newest chunk's header and footer and throughout the body, a file
 * deleted) and requires each case to end in one of three ways: the ledger opens with every block as committed and
 * verifies; or it opens repaired to a verified prefix of the original blocks with a warning; or it is refused with
 * a message naming file, channel and block, and opening it with {@link DamagePolicy#TRUNCATE} then gives a verified
 * prefix with a warning. Never a silently different ledger.
 */
class LedgerFaultInjectionTest {
    private static final String CHANNEL = "registration";
    private static final String CC = "asset";
    private static final int BLOCKS = 12;

    @TempDir
    Path dir;

    private final TestMember client = TestMember.create("Org1MSP", "client");
    private final TestMember peer = TestMember.create("Org1MSP", "peer");
    private final TestMsp msp =
            new TestMsp().register(CHANNEL, client).register(CHANNEL, peer).define(CC, Set.of("Org1MSP"));
    private final List<byte[]> headerHashes = new ArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Path pristine;
    private long lastChunkStart;
    private long lastChunkEnd;

    @BeforeEach
    void buildALedger() {
        Logger.getLogger("org.fdcfabric.devnet.ledger").addHandler(capture);
        pristine = dir.resolve("pristine");
        try (MvStoreLedger ledger = MvStoreLedger.open(pristine, CHANNEL, () -> TestBlocks.genesis(CHANNEL));
                BlockCommitter committer = new BlockCommitter(ledger, msp, msp, 1)) {
            headerHashes.add(BlockHashes.headerHash(ledger.block(0).getHeader()));
            for (int n = 1; n < BLOCKS; n++) {
                if (n == BLOCKS - 1) {
                    lastChunkStart = size(pristine.resolve(MvStoreLedger.FILE_NAME));
                }
                List<ByteString> envelopes = List.of(
                        tx().write(CC, "hot", "v" + n)
                                .write(CC, "key" + n, "x".repeat(300 + n))
                                .bytes(),
                        tx().write(CC, "other" + n, "y".repeat(2_000)).bytes());
                Block block = committer.commit(TestBlocks.next(ledger, envelopes));
                headerHashes.add(BlockHashes.headerHash(block.getHeader()));
            }
        }
        lastChunkEnd = size(pristine.resolve(MvStoreLedger.FILE_NAME));
        assertThat(lastChunkEnd).isGreaterThan(lastChunkStart);
        assertThat(MvStoreLedger.verify(pristine, CHANNEL).intact()).isTrue();
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("org.fdcfabric.devnet.ledger").removeHandler(capture);
    }

    @TestFactory
    Stream<DynamicTest> everyDamageEndsInAVerifiedPrefixWithAWarningOrAClearRefusal() {
        List<DynamicTest> cases = new ArrayList<>();
        for (int sixteenth = 0; sixteenth < 16; sixteenth++) {
            int k = sixteenth;
            cases.add(DynamicTest.dynamicTest(
                    "cut at " + k + "/16 of the newest chunk",
                    () -> judge(store -> {
                        cut(store, lastChunkStart + (lastChunkEnd - lastChunkStart) * k / 16);
                    })));
        }
        cases.add(DynamicTest.dynamicTest(
                "cut the last 200 bytes",
                () -> judge(store -> {
                    cut(store, lastChunkEnd - 200);
                })));
        cases.add(DynamicTest.dynamicTest("flip the first store header", () -> judge(store -> flip(store, 16, 8))));
        cases.add(DynamicTest.dynamicTest(
                "flip both store headers",
                () -> judge(store -> {
                    flip(store, 16, 8);
                    flip(store, 4096 + 16, 8);
                })));
        cases.add(DynamicTest.dynamicTest(
                "flip the newest chunk's header", () -> judge(store -> flip(store, lastChunkStart + 8, 8))));
        cases.add(DynamicTest.dynamicTest(
                "flip the newest chunk's footer", () -> judge(store -> flip(store, lastChunkEnd - 100, 8))));
        for (int i = 0; i < 24; i++) {
            int part = i;
            cases.add(DynamicTest.dynamicTest(
                    "flip two body bytes at " + part + "/24 of the file",
                    () -> judge(store -> {
                        long from = 8192;
                        flip(store, from + (size(store) - from) * part / 24 + 37, 2);
                    })));
        }
        cases.add(DynamicTest.dynamicTest("delete the store", () -> judge(Files::delete)));
        cases.add(DynamicTest.dynamicTest(
                "delete the height record",
                () -> judge(store -> Files.delete(HeightRecord.fileIn(store.getParent())))));
        return cases.stream();
    }

    private interface Damage {
        void apply(Path store) throws IOException;
    }

    private void judge(Damage damage) throws IOException {
        Path copy = dir.resolve("case-" + System.nanoTime());
        copyDirectory(pristine, copy);
        Path store = copy.resolve(MvStoreLedger.FILE_NAME);
        byte[] before = Files.exists(store) ? Files.readAllBytes(store) : new byte[0];
        damage.apply(store);
        boolean changed = !Files.exists(store)
                || !Arrays.equals(before, Files.readAllBytes(store))
                || !Files.exists(HeightRecord.fileIn(copy));
        assertThat(changed).as("the damage changed something").isTrue();
        warnings.clear();

        Supplier<Block> noNewGenesis = () -> {
            throw new AssertionError("a damaged ledger must never start a new chain");
        };
        try (MvStoreLedger ledger = MvStoreLedger.open(copy, CHANNEL, noNewGenesis, true, DamagePolicy.REFUSE)) {
            long height = ledger.height();
            assertPrefix(ledger);
            if (height < BLOCKS) {
                assertThat(warnings).as("a shorter ledger is announced").isNotEmpty();
            }
            System.out.println("opened at height " + height + " with " + warnings.size() + " warning(s)");
        } catch (LedgerException refused) {
            assertThat(refused.getMessage()).contains("channel " + CHANNEL).contains(copy.toString());
            System.out.println("refused: " + refused.getMessage());
            if (Files.exists(store)) {
                tryTruncating(copy, noNewGenesis, refused);
            }
            return;
        }
        assertThat(MvStoreLedger.verify(copy, CHANNEL).intact()).isTrue();
    }

    private void tryTruncating(Path copy, Supplier<Block> noNewGenesis, LedgerException refused) {
        warnings.clear();
        try (MvStoreLedger ledger = MvStoreLedger.open(copy, CHANNEL, noNewGenesis, true, DamagePolicy.TRUNCATE)) {
            assertThat(refused.getMessage()).contains("block");
            assertPrefix(ledger);
            assertThat(warnings).as("truncation is announced").isNotEmpty();
            System.out.println("truncated to height " + ledger.height() + ": " + warnings.get(warnings.size() - 1));
        } catch (LedgerException stillRefused) {
            // only a store that cannot be read at all may be refused even when truncation is allowed
            assertThat(stillRefused.getMessage())
                    .contains("channel " + CHANNEL)
                    .contains(copy.toString())
                    .contains("no recent commit of it reads back");
            return;
        }
        assertThat(MvStoreLedger.verify(copy, CHANNEL).intact()).isTrue();
    }

    private void assertPrefix(MvStoreLedger ledger) {
        long height = ledger.height();
        assertThat(height).isBetween(1L, (long) BLOCKS);
        for (int n = 0; n < height; n++) {
            assertThat(BlockHashes.headerHash(ledger.block(n).getHeader()))
                    .as("block %d is the block committed", n)
                    .isEqualTo(headerHashes.get(n));
        }
    }

    private TestTx tx() {
        return new TestTx(CHANNEL, CC, client).endorsedBy(peer);
    }

    private static void cut(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    private static void flip(Path file, long at, int count) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (int i = 0; i < count; i++) {
                raf.seek(at + i);
                int b = raf.read();
                raf.seek(at + i);
                raf.write(b ^ 0x5A);
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
