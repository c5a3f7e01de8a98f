package org.fdcfabric.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.devnet.ledger.StateSnapshot;
import org.fdcfabric.devnet.ledger.Version;
import org.fdcfabric.devnet.testcc.Proposals;
import org.fdcfabric.devnet.testcc.TestChaincodeJar;
import org.fdcfabric.msp.CaAttributes;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.NodeOu;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeExecutorTest {
    private final InMemoryState alpha = new InMemoryState();
    private final InMemoryState beta = new InMemoryState();
    private ChaincodeProcess process;
    private ChaincodeExecutor executor;
    private IssuedIdentity alice;
    private boolean allowCrossChannel = true;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path jar = TestChaincodeJar.build(dir);
        process = ChaincodeProcess.start(jar, "kv:1", dir.resolve("kv.log"), Map.of());
        process.awaitListening(Duration.ofSeconds(60));
        ChannelAccess access = new ChannelAccess() {
            @Override
            public Optional<StateSnapshot> snapshot(String channelId) {
                return switch (channelId) {
                    case "alpha" -> Optional.of(alpha.snapshot());
                    case "beta" -> Optional.of(beta.snapshot());
                    default -> Optional.empty();
                };
            }

            @Override
            public boolean mayInvoke(String channelId, SignedProposal proposal) {
                return allowCrossChannel;
            }
        };
        executor = new ChaincodeExecutor(
                List.of(
                        new ChaincodeExecutor.Endpoint("alpha", "kv", "127.0.0.1", process.port()),
                        new ChaincodeExecutor.Endpoint("alpha", "kv2", "127.0.0.1", process.port()),
                        new ChaincodeExecutor.Endpoint("beta", "kv", "127.0.0.1", process.port())),
                access);
        executor.connectAll(Duration.ofSeconds(30));
        CertificateAuthority ca = CertificateAuthority.create(
                "ca.org1", "org1", Clock.systemUTC(), Duration.ofDays(1), new SecureRandom());
        alice = ca.issue("Org1MSP", "alice", NodeOu.CLIENT, Map.of(CaAttributes.FDC_ROLE, "provider"));
        for (int i = 0; i < 250; i++) {
            alpha.commit("kv", String.format("k%03d", i), "v" + i, new Version(1, i), "tx" + i);
        }
        alpha.commit("kv", "h", "one", new Version(2, 0), "txA");
        alpha.commit("kv", "h", "two", new Version(3, 0), "txB");
        alpha.commit("kv", "h", null, new Version(4, 0), "txC");
        beta.commit("kv", "remote", "far", new Version(1, 0), "txR");
    }

    @AfterAll
    void stop() {
        executor.close();
        process.close();
    }

    private record Run(ChaincodeOutcome outcome, TxReadWriteSet rwset) {
        String payload() {
            return outcome.response().getPayload().toStringUtf8();
        }

        KVRWSet ns(String namespace) throws Exception {
            for (var ns : rwset.getNsRwsetList()) {
                if (ns.getNamespace().equals(namespace)) {
                    return KVRWSet.parseFrom(ns.getRwset());
                }
            }
            throw new AssertionError("no namespace " + namespace + " in " + rwset);
        }
    }

    private Run run(String channel, String chaincode, String... args) throws Exception {
        Proposals.Built proposal = Proposals.build(alice, channel, chaincode, args);
        InMemoryState state = channel.equals("alpha") ? alpha : beta;
        try (TxSimulation simulation = new TxSimulation(state.snapshot())) {
            ChaincodeOutcome outcome = executor.execute(
                    channel, chaincode, proposal.txId(), proposal.signed(), proposal.input(), simulation);
            return new Run(outcome, simulation.readWriteSet());
        }
    }

    @Nested
    class StateCalls {
        @Test
        void putRecordsTheWriteAndStampsTheEvent() throws Exception {
            Run run = run("alpha", "kv", "put", "fresh", "value");
            assertThat(run.outcome().response().getStatus()).isEqualTo(200);
            assertThat(run.payload()).isEqualTo("value");
            KVRWSet kv = run.ns("kv");
            assertThat(kv.getWritesList()).hasSize(1);
            assertThat(kv.getWrites(0).getKey()).isEqualTo("fresh");
            assertThat(kv.getWrites(0).getValue().toStringUtf8()).isEqualTo("value");
            var event = run.outcome().event().orElseThrow();
            assertThat(event.getEventName()).isEqualTo("put");
            assertThat(event.getChaincodeId()).isEqualTo("kv");
            assertThat(event.getTxId()).hasSize(64);
            assertThat(event.getPayload().toString(StandardCharsets.UTF_8)).isEqualTo("fresh=value");
        }

        @Test
        void readsRecordCommittedVersionsAndAbsentKeysWithoutVersion() throws Exception {
            Run run = run("alpha", "kv", "increment", "k007");
            assertThat(run.outcome().response().getStatus()).isEqualTo(500);
            Run fresh = run("alpha", "kv", "increment", "counter");
            assertThat(fresh.payload()).isEqualTo("1");
            KVRWSet kv = fresh.ns("kv");
            assertThat(kv.getReads(0).getKey()).isEqualTo("counter");
            assertThat(kv.getReads(0).hasVersion()).isFalse();
            Run get = run("alpha", "kv", "get", "k007");
            assertThat(get.payload()).isEqualTo("v7");
            assertThat(get.ns("kv").getReads(0).getVersion().getTxNum()).isEqualTo(7);
        }

        @Test
        void aTransactionDoesNotSeeItsOwnWrites() throws Exception {
            assertThat(run("alpha", "kv", "putThenGet", "new-key", "x").payload())
                    .isEqualTo("[]");
        }

        @Test
        void deleteIsAWriteMarkedDeleted() throws Exception {
            KVRWSet kv = run("alpha", "kv", "del", "k001").ns("kv");
            assertThat(kv.getWrites(0).getIsDelete()).isTrue();
        }

        @Test
        void contractErrorsComeBackAsStatus500WithTheMessage() throws Exception {
            Run run = run("alpha", "kv", "fail", "boom");
            assertThat(run.outcome().executionFailed()).isFalse();
            assertThat(run.outcome().response().getStatus()).isEqualTo(500);
            assertThat(run.outcome().response().getMessage()).isEqualTo("KV_FAILED: boom");
            assertThat(run.outcome().event()).isEmpty();
        }

        @Test
        void theShimSeesTheCreatorsRoleAndTheTxId() throws Exception {
            assertThat(run("alpha", "kv", "whoami").payload()).isEqualTo("Org1MSP:provider");
            Run txid = run("alpha", "kv", "txid");
            assertThat(txid.payload()).endsWith("@alpha").hasSize(64 + 6);
        }

        @Test
        void undefinedChaincodeIsAnExecutionFailure() throws Exception {
            Run run = run("alpha", "nope", "get", "k");
            assertThat(run.outcome().executionFailed()).isTrue();
            assertThat(run.outcome().response().getMessage()).contains("nope");
        }
    }

    @Nested
    class Queries {
        @Test
        void rangeRecordsRawReadsAndExhaustion() throws Exception {
            Run run = run("alpha", "kv", "range", "k010", "k013");
            assertThat(run.payload()).isEqualTo("k010=v10,k011=v11,k012=v12");
            RangeQueryInfo info = run.ns("kv").getRangeQueriesInfo(0);
            assertThat(info.getStartKey()).isEqualTo("k010");
            assertThat(info.getEndKey()).isEqualTo("k013");
            assertThat(info.getItrExhausted()).isTrue();
            assertThat(info.getRawReads().getKvReadsList())
                    .extracting(r -> r.getKey() + "@" + r.getVersion().getTxNum())
                    .containsExactly("k010@10", "k011@11", "k012@12");
        }

        @Test
        void iteratesAcrossBatchesOfOneHundred() throws Exception {
            Run run = run("alpha", "kv", "countAndMark", "k", "l");
            assertThat(run.payload()).isEqualTo("250");
            RangeQueryInfo info = run.ns("kv").getRangeQueriesInfo(0);
            assertThat(info.getRawReads().getKvReadsCount()).isEqualTo(250);
            assertThat(info.getItrExhausted()).isTrue();
        }

        @Test
        void pagesWithBookmarks() throws Exception {
            assertThat(run("alpha", "kv", "page", "k000", "k010", "4", "").payload())
                    .isEqualTo("k000,k001,k002,k003|k004/4");
            assertThat(run("alpha", "kv", "page", "k000", "k010", "4", "k008").payload())
                    .isEqualTo("k008,k009|/2");
        }

        @Test
        void historyIsNewestFirstIncludingDeletes() throws Exception {
            assertThat(run("alpha", "kv", "history", "h").payload()).isEqualTo("deleted,two,one");
        }
    }

    @Nested
    class ChaincodeToChaincode {
        @Test
        void sameChannelCalleeWritesLandInItsNamespace() throws Exception {
            Run run = run("alpha", "kv", "call", "kv2", "", "increment", "shared");
            assertThat(run.payload()).startsWith("200:");
            assertThat(run.ns("kv2").getWritesList())
                    .extracting(w -> w.getKey())
                    .containsExactly("shared");
        }

        @Test
        void crossChannelCallIsReadOnly() throws Exception {
            Run read = run("alpha", "kv", "call", "kv", "beta", "get", "remote");
            assertThat(read.payload()).isEqualTo("200:far");
            Run write = run("alpha", "kv", "call", "kv", "beta", "increment", "lost");
            assertThat(write.payload()).startsWith("200:");
            assertThat(write.rwset().getNsRwsetList())
                    .as("callee writes are discarded")
                    .isEmpty();
        }

        @Test
        void callingItselfOnTheSameChannelFails() throws Exception {
            Run run = run("alpha", "kv", "call", "kv", "", "get", "k001");
            assertThat(run.outcome().response().getStatus()).isEqualTo(500);
        }
    }
}
