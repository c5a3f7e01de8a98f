package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Child process for {@code KillNineTest}: commits blocks as fast as it can and prints each committed height
 * until it is killed. Each block writes {@code counter} = its number and a large value, so that a kill often
 * lands in the middle of a write.
 */
public final class CrashingCommitter {
    static final String CHANNEL = "registration";
    static final String CC = "registry";

    private CrashingCommitter() {}

    public static void main(String[] args) {
        TestMember client = TestMember.create("Org1MSP", "client");
        TestMember peer = TestMember.create("Org1MSP", "peer");
        TestMsp msp =
                new TestMsp().register(CHANNEL, client).register(CHANNEL, peer).define(CC, Set.of("Org1MSP"));
        String padding = "p".repeat(200_000);
        try (MvStoreLedger ledger = MvStoreLedger.open(Path.of(args[0]), CHANNEL, () -> TestBlocks.genesis(CHANNEL));
                BlockCommitter committer = new BlockCommitter(ledger, msp, msp, 1)) {
            while (true) {
                long number = ledger.height();
                List<ByteString> envelopes = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    envelopes.add(new TestTx(CHANNEL, CC, client)
                            .endorsedBy(peer)
                            .write(CC, "counter", Long.toString(number))
                            .write(CC, "pad~" + number + "~" + i, padding)
                            .bytes());
                }
                committer.commit(TestBlocks.next(ledger, envelopes));
                System.out.println("committed " + number);
                System.out.flush();
            }
        }
    }
}
