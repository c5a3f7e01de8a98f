package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a committing JVM with SIGKILL and checks that the ledger reopens at a complete, consistent block. */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void aKilledCommitterLeavesNoPartialBlockAndLosesNoAcknowledgedOne() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingCommitter.class.getName(),
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long acknowledged = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line.substring("committed ".length()));
                if (acknowledged >= 3) {
                    // Land the kill at an arbitrary point of a later block's write.
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 40));
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged)
                .as("the child committed blocks before it was killed")
                .isGreaterThanOrEqualTo(3);

        try (MvStoreLedger ledger = MvStoreLedger.open(
                dir, CrashingCommitter.CHANNEL, () -> TestBlocks.genesis(CrashingCommitter.CHANNEL))) {
            long height = ledger.height();
            assertThat(height).isGreaterThan(acknowledged);
            for (long n = 1; n < height; n++) {
                Block block = ledger.block(n);
                assertThat(block.getHeader().getPreviousHash().toByteArray())
                        .isEqualTo(BlockHashes.headerHash(ledger.block(n - 1).getHeader()));
                for (int i = 0; i < block.getData().getDataCount(); i++) {
                    assertThat(TransactionsFilter.code(block, i)).isEqualTo(TxValidationCode.VALID);
                    String txId =
                            EnvelopeHeaders.txId(block.getData().getData(i)).orElseThrow();
                    assertThat(ledger.txStatus(txId)).contains(new TxStatus(TxValidationCode.VALID, n));
                }
            }
            try (StateSnapshot snapshot = ledger.snapshot()) {
                VersionedValue counter =
                        snapshot.get(CrashingCommitter.CC, "counter").orElseThrow();
                assertThat(new String(counter.value(), StandardCharsets.UTF_8)).isEqualTo(Long.toString(height - 1));
                assertThat(counter.version()).isEqualTo(new Version(height - 1, 4));
                assertThat(snapshot.get(CrashingCommitter.CC, "pad~" + (height - 1) + "~4"))
                        .isPresent();
                assertThat(snapshot.get(CrashingCommitter.CC, "pad~" + height + "~0"))
                        .isEmpty();
                assertThat(snapshot.history(CrashingCommitter.CC, "counter")).hasSize((int) (height - 1) * 5);
            }
        }
    }
}
