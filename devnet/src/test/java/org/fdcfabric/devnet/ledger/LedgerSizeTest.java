package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what 1,000 transactions cost on disk, and requires that the file holds little more than its live data:
 * MVStore writes every changed page anew on each commit, so without compaction a record updated in every block is
 * stored once per block (the 88 MB registration ledger after 337 blocks held one record 434 times).
 * Prints the measured sizes; {@code -Dledger.size.txs=10000} for a longer run.
 */
class LedgerSizeTest {
    private static final String CHANNEL = "registration";
    private static final String CC = "registration";

    @TempDir
    Path dir;

    private final TestMember client = TestMember.create("Org1MSP", "client");
    private final TestMember peer = TestMember.create("Org1MSP", "peer");
    private final TestMsp msp =
            new TestMsp().register(CHANNEL, client).register(CHANNEL, peer).define(CC, Set.of("Org1MSP"));

    @Test
    void aThousandTransactionsTakeLittleMoreThanTheirLiveData() throws Exception {
        int total = Integer.getInteger("ledger.size.txs", 1_000);
        int blockSize = 3; // a lightly loaded devnet cuts small blocks, the worst case for copies per change
        try (MvStoreLedger ledger = MvStoreLedger.open(dir, CHANNEL, () -> TestBlocks.genesis(CHANNEL));
                BlockCommitter committer = new BlockCommitter(ledger, msp, msp, 1)) {
            List<ByteString> block = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String id = "ds-%06d".formatted(i);
                block.add(new TestTx(CHANNEL, CC, client)
                        .endorsedBy(peer)
                        .write(CC, "ucl~" + id, "{\"record\":\"" + "r".repeat(600) + "\"}")
                        .write(CC, "audit~dataset:" + id + "~0", "{\"entry\":\"" + "a".repeat(250) + "\"}")
                        .write(CC, "audithead~dataset:" + id, "{\"seq\":0}")
                        // one record every transaction updates, as a registry's counters or an owner index
                        .write(
                                CC,
                                "registry~stats",
                                "{\"datasets\":" + (i + 1) + ",\"pad\":\"" + "p".repeat(400) + "\"}")
                        .bytes());
                if (block.size() == blockSize || i == total - 1) {
                    committer.commit(TestBlocks.next(ledger, block));
                    block.clear();
                }
            }
        }
        long fileBytes = Files.size(dir.resolve(MvStoreLedger.FILE_NAME));
        long liveBytes = liveBytes(dir);
        double perThousand = fileBytes * 1000.0 / total;
        System.out.printf(
                "ledger size: %d transactions in blocks of %d: file %,d bytes (%,.0f per 1,000 tx), live data %,d bytes"
                        + " (%.2fx); rerun: mvn -pl devnet -am test -Dtest=LedgerSizeTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false [-Dledger.size.txs=10000]%n",
                total, blockSize, fileBytes, perThousand, liveBytes, (double) fileBytes / liveBytes);
        assertThat(fileBytes).as("file bytes against live bytes").isLessThan(3 * liveBytes);
    }

    /** What the newest version holds: the size of a copy MVStore writes with only the live pages. */
    private static long liveBytes(Path dir) throws Exception {
        Path compacted = dir.resolve("live.mv.db");
        org.h2.mvstore.MVStoreTool.compact(
                dir.resolve(MvStoreLedger.FILE_NAME).toString(), compacted.toString(), false);
        return Files.size(compacted);
    }
}
