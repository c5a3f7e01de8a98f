package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.devnet.policy.EndorsementPolicies;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times the committer alone (validation with real ECDSA P-256 signatures: creator plus two endorsements, as for
 * MAJORITY of three orgs; MVCC; one fsynced MVStore commit per block) and prints committed tx/s. Small by
 * default so the suite stays fast; {@code -Dcommitter.txs=20000 -Dcommitter.blockSize=500} for a longer run.
 */
class CommitterThroughputTest {
    private static final String CHANNEL = "collaboration";
    private static final String CC = "token";

    @TempDir
    Path dir;

    @Test
    void printsCommittedTransactionsPerSecond() {
        run(false);
    }

    /** The same with identity and policy checks that trust everything: what storage and MVCC cost alone. */
    @Test
    void printsCommittedTransactionsPerSecondWithoutSignatureChecks() {
        run(true);
    }

    private void run(boolean trusting) {
        int total = Integer.getInteger("committer.txs", 1_000);
        int blockSize = Integer.getInteger("committer.blockSize", 250);
        boolean sync = Boolean.parseBoolean(System.getProperty("committer.sync", "true"));
        TestMember client = TestMember.create("Org1MSP", "client");
        TestMember peer1 = TestMember.create("Org1MSP", "peer");
        TestMember peer2 = TestMember.create("Org2MSP", "peer");
        TestMsp msp = new TestMsp()
                .register(CHANNEL, client)
                .register(CHANNEL, peer1)
                .register(CHANNEL, peer2)
                .define(CC, Set.of("Org1MSP", "Org2MSP"));
        List<ByteString> envelopes = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            envelopes.add(new TestTx(CHANNEL, CC, client)
                    .endorsedBy(peer1, peer2)
                    .read(CC, "wallet~" + i, null)
                    .write(CC, "wallet~" + i, "{\"balance\":" + i + "}")
                    .event("Transfer", "{\"to\":" + i + "}")
                    .bytes());
        }
        int threads = Runtime.getRuntime().availableProcessors();
        IdentityVerifier identities = trusting ? (channel, creator) -> Optional.of(new TrustedIdentity(client)) : msp;
        EndorsementPolicies policies = trusting ? new TrustingPolicies() : msp;
        try (MvStoreLedger ledger = MvStoreLedger.open(dir, CHANNEL, () -> TestBlocks.genesis(CHANNEL), sync);
                BlockCommitter committer = new BlockCommitter(ledger, identities, policies, threads)) {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            int valid = 0;
            for (int from = 0; from < total; from += blockSize) {
                Block block = committer.commit(
                        TestBlocks.next(ledger, envelopes.subList(from, Math.min(total, from + blockSize))));
                for (int i = 0; i < block.getData().getDataCount(); i++) {
                    valid += TransactionsFilter.code(block, i) == TxValidationCode.VALID ? 1 : 0;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            // Wall time depends on what else the shared machine runs; CPU time per transaction does not.
            System.out.printf(
                    "committer alone%s: %d tx in blocks of %d, %d validation threads, fsync %s: %.0f committed tx/s"
                            + " wall (%.2f s); %.3f CPU-ms per tx, i.e. about %.0f tx/s on %d dedicated cores%n",
                    trusting ? " (signature checks stubbed out)" : "",
                    total,
                    blockSize,
                    threads,
                    sync ? "per block" : "off",
                    total / seconds,
                    seconds,
                    cpuSeconds * 1000 / total,
                    threads * total / cpuSeconds,
                    threads);
            assertThat(valid).isEqualTo(total);
        }
    }

    private static final class TrustingPolicies implements EndorsementPolicies {
        @Override
        public boolean isDefined(String channelId, String chaincodeName) {
            return true;
        }

        @Override
        public boolean isSatisfied(
                String channelId,
                String chaincodeName,
                byte[] proposalResponsePayload,
                List<Endorsement> endorsements) {
            return true;
        }
    }

    private record TrustedIdentity(TestMember member) implements VerifiedIdentity {
        @Override
        public String mspId() {
            return member.mspId();
        }

        @Override
        public java.security.cert.X509Certificate certificate() {
            return member.certificate();
        }

        @Override
        public String nodeOu() {
            return member.nodeOu();
        }

        @Override
        public boolean verifySignature(byte[] message, byte[] signature) {
            return true;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
