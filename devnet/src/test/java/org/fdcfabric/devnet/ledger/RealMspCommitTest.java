package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.devnet.msp.ChannelMsps;
import org.fdcfabric.devnet.msp.OrgMsp;
import org.fdcfabric.devnet.policy.ChaincodePolicies;
import org.fdcfabric.devnet.policy.EndorsementPolicy;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.NodeOu;
import org.fdcfabric.protocol.Signatures;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer with the devnet's real MSP verifier and endorsement policies (three provider orgs, MAJORITY
 * Endorsement), certificates from the devnet's certificate authority and low-S signatures.
 */
class RealMspCommitTest {
    private static final String CHANNEL = "collaboration";
    private static final String CC = "job";

    @TempDir
    Path dir;

    private final List<TestMember> peers = new ArrayList<>();
    private TestMember client;
    private TestMember impostor;
    private MvStoreLedger ledger;
    private BlockCommitter committer;

    @BeforeEach
    void start() throws Exception {
        SecureRandom random = new SecureRandom();
        Map<String, CertificateAuthority> cas = new LinkedHashMap<>();
        List<OrgMsp> orgs = new ArrayList<>();
        for (int org = 1; org <= 3; org++) {
            String mspId = "Provider" + org + "MSP";
            CertificateAuthority ca = CertificateAuthority.create(
                    "ca.provider" + org, "provider" + org, Clock.systemUTC(), Duration.ofDays(30), random);
            cas.put(mspId, ca);
            orgs.add(new OrgMsp(mspId, List.of(ca.certificate()), true));
            peers.add(TestMember.of(ca.issue(mspId, "peer0.provider" + org, NodeOu.PEER, Map.of()), "peer"));
        }
        client = TestMember.of(
                cas.get("Provider1MSP").issue("Provider1MSP", "alice", NodeOu.CLIENT, Map.of()), "client");
        // A Provider1 certificate presented as a Provider2 identity.
        TestMember alice = client;
        impostor = new TestMember(
                "Provider2MSP",
                "client",
                alice.keys(),
                alice.certificate(),
                SerializedIdentity.parseFrom(alice.serialized()).toBuilder()
                        .setMspid("Provider2MSP")
                        .build()
                        .toByteString(),
                alice.verificationKey());
        ChannelMsps msps = new ChannelMsps(Map.of(CHANNEL, orgs));
        ChaincodePolicies policies = new ChaincodePolicies(
                msps,
                Map.of(
                        new ChaincodePolicies.ChaincodeRef(CHANNEL, CC),
                        EndorsementPolicy.parse("MAJORITY Endorsement", msps.mspIds(CHANNEL))));
        ledger = MvStoreLedger.open(dir, CHANNEL, () -> TestBlocks.genesis(CHANNEL));
        committer = new BlockCommitter(ledger, msps, policies, 2);
    }

    @AfterEach
    void stop() {
        committer.close();
        ledger.close();
    }

    private List<TxValidationCode> commit(TestTx... txs) {
        List<ByteString> envelopes = new ArrayList<>();
        for (TestTx tx : txs) {
            envelopes.add(tx.bytes());
        }
        Block block = committer.commit(TestBlocks.next(ledger, envelopes));
        List<TxValidationCode> codes = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            codes.add(TransactionsFilter.code(block, i));
        }
        return codes;
    }

    @Test
    void majorityOfThreeOrgsNeedsTwoDistinctPeerEndorsements() {
        assertThat(commit(
                        new TestTx(CHANNEL, CC, client)
                                .endorsedBy(peers.get(0), peers.get(2))
                                .write(CC, "a", "1"),
                        new TestTx(CHANNEL, CC, client).endorsedBy(peers.get(1)).write(CC, "b", "1"),
                        new TestTx(CHANNEL, CC, client)
                                .endorsedBy(peers.get(1), peers.get(1))
                                .write(CC, "c", "1"),
                        new TestTx(CHANNEL, CC, client)
                                .endorsedBy(peers.get(0), client)
                                .write(CC, "d", "1")))
                .containsExactly(
                        TxValidationCode.VALID,
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void aCertificateClaimingAnotherOrgsMspIsBadCreatorSignature() {
        assertThat(commit(new TestTx(CHANNEL, CC, impostor)
                        .endorsedBy(peers.get(0), peers.get(1))
                        .write(CC, "a", "1")))
                .containsExactly(TxValidationCode.BAD_CREATOR_SIGNATURE);
    }

    @Test
    void aHighSSignatureIsRejectedAsFabricDoes() {
        TestTx tx = new TestTx(CHANNEL, CC, client)
                .endorsedBy(peers.get(0), peers.get(1))
                .write(CC, "a", "1");
        var envelope = tx.envelope();
        byte[] lowS = envelope.getSignature().toByteArray();
        assertThat(Signatures.verify(
                        client.certificate().getPublicKey(),
                        envelope.getPayload().toByteArray(),
                        lowS))
                .isTrue();
        byte[] highS = HighS.flip(lowS);
        assertThat(committer
                        .commit(TestBlocks.next(
                                ledger,
                                List.of(envelope.toBuilder()
                                        .setSignature(ByteString.copyFrom(highS))
                                        .build()
                                        .toByteString())))
                        .getMetadata()
                        .getMetadata(2)
                        .byteAt(0))
                .isEqualTo((byte) TxValidationCode.BAD_CREATOR_SIGNATURE_VALUE);
    }

    @Test
    void printsTheCommitCostWithTheRealVerifier() {
        int total = Integer.getInteger("committer.txs", 500);
        List<ByteString> envelopes = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            envelopes.add(new TestTx(CHANNEL, CC, client)
                    .endorsedBy(peers.get(i % 3), peers.get((i + 1) % 3))
                    .write(CC, "k" + i, "v")
                    .bytes());
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        Block block = committer.commit(TestBlocks.next(ledger, envelopes));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
        System.out.printf(
                "committer with ChannelMsps + MAJORITY of 3: %d tx in one block: %.0f tx/s wall, %.3f CPU-ms per tx%n",
                total, total / seconds, cpuMs / total);
        for (int i = 0; i < total; i++) {
            assertThat(TransactionsFilter.code(block, i)).isEqualTo(TxValidationCode.VALID);
        }
    }
}
