package org.fdcfabric.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.devnet.config.CryptoMaterial;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.devnet.testcc.TestChaincodeJar;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsDoc;
import org.fdcfabric.metrics.MetricsEndpoint;
import org.fdcfabric.metrics.Scrape;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet's meters, scraped over real HTTP from a {@link MetricsEndpoint} after real Gateway SDK traffic:
 * every count is compared with what the test did, so a meter that does not move (or moves twice) fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetMetricsTest {
    private static final int SUBMITS = 5;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Devnet devnet;
    private MetricsEndpoint endpoint;
    private ManagedChannel channel;
    private Gateway alice;
    private Contract kv;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path jar = TestChaincodeJar.build(dir.resolve("cc"));
        Path configFile = dir.resolve("devnet.yaml");
        Files.writeString(configFile, """
                name: metrics-net
                ordererOrg: { name: orderer, mspId: OrdererMSP }
                orgs:
                  - name: org1
                    mspId: Org1MSP
                    users:
                      - { name: alice, role: provider }
                gatewayOrg: Org1MSP
                channels:
                  - name: alpha
                    orgs: [Org1MSP]
                    chaincodes:
                      - { name: kv, version: "1.0", jar: "%s", policy: "OR('Org1MSP.peer')" }
                batch: { maxMessageCount: 10, timeoutMillis: 20 }
                """.formatted(jar));
        devnet = Devnet.start(DevnetConfig.load(configFile), dir.resolve("data"), 0, registry);
        endpoint = MetricsEndpoint.start(MetricsBinding.loopback(0), registry);
        channel = Grpc.newChannelBuilder(
                        devnet.profile().gateway().address(),
                        TlsChannelCredentials.newBuilder()
                                .trustManager(dir.resolve("data")
                                        .resolve(devnet.profile().gateway().tlsRootCert())
                                        .toFile())
                                .build())
                .build();
        CryptoMaterial.User user = devnet.crypto().org("Org1MSP").users().get("alice");
        alice = Gateway.newInstance()
                .identity(new X509Identity(
                        user.identity().mspId(), user.identity().certificate()))
                .signer(Signers.newPrivateKeySigner(user.identity().privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect();
        kv = alice.getNetwork("alpha").getContract("kv");

        for (int i = 0; i < SUBMITS; i++) {
            kv.submitTransaction("put", "k" + i, "v" + i);
        }
        kv.evaluateTransaction("get", "k0");
        kv.evaluateTransaction("get", "k1");
        assertThatThrownBy(
                        () -> kv.newProposal("fail").addArguments("no").build().endorse())
                .isInstanceOf(EndorseException.class);
        kv.submitTransaction("put", "counter", "1");
        Transaction first =
                kv.newProposal("increment").addArguments("counter").build().endorse();
        Transaction second =
                kv.newProposal("increment").addArguments("counter").build().endorse();
        SubmittedTransaction a = first.submitAsync();
        SubmittedTransaction b = second.submitAsync();
        assertThat(List.of(a.getStatus().getCode(), b.getStatus().getCode()))
                .containsExactlyInAnyOrder(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
    }

    @AfterAll
    void stop() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    @Nested
    class Documentation {
        @Test
        void everyScrapedMetricIsInDocsMetricsMd() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.families()).isNotEmpty();
            assertThat(MetricsDoc.undocumented(scrape)).isEmpty();
        }
    }

    @Nested
    class Commits {
        @Test
        void everySubmittedTransactionIsCountedOnceByItsValidationCode() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            // SUBMITS puts, the counter's put and one of the two increments
            assertThat(scrape.sum("fdc_devnet_transactions_total", "channel", "alpha", "code", "VALID"))
                    .isEqualTo(SUBMITS + 2);
            assertThat(scrape.sum("fdc_devnet_transactions_total", "code", "MVCC_READ_CONFLICT"))
                    .isEqualTo(1);
            assertThat(scrape.sum("fdc_devnet_transactions_total")).isEqualTo(SUBMITS + 3);
        }

        @Test
        void blocksAndHeightAgreeWithTheLedger() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            double blocks = scrape.sum("fdc_devnet_blocks_total", "channel", "alpha");
            assertThat(blocks).isBetween(1.0, SUBMITS + 3.0);
            // the genesis block is not committed through the orderer
            assertThat(scrape.sum("fdc_devnet_block_height", "channel", "alpha"))
                    .isEqualTo(blocks + 1);
        }

        @Test
        void submitToCommitIsTimedForEveryTransaction() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.sum("fdc_devnet_commit_seconds_count", "channel", "alpha", "code", "VALID"))
                    .isEqualTo(SUBMITS + 2);
            assertThat(scrape.sum("fdc_devnet_commit_seconds_count", "code", "MVCC_READ_CONFLICT"))
                    .isEqualTo(1);
            assertThat(scrape.sum("fdc_devnet_commit_seconds_sum")).isPositive();
            assertThat(scrape.has("fdc_devnet_commit_seconds_bucket", "le", "10.0"))
                    .isTrue();
            assertThat(scrape.sum("fdc_devnet_submits_seconds_count", "channel", "alpha", "status", "OK"))
                    .isEqualTo(SUBMITS + 3);
        }
    }

    @Nested
    class Proposals {
        @Test
        void endorsementsAreCountedByChannelChaincodeAndStatus() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.sum(
                            "fdc_devnet_proposals_seconds_count",
                            "operation",
                            "endorse",
                            "channel",
                            "alpha",
                            "chaincode",
                            "kv",
                            "status",
                            "OK"))
                    .isEqualTo(SUBMITS + 3);
            assertThat(scrape.sum("fdc_devnet_proposals_seconds_count", "operation", "endorse", "status", "ABORTED"))
                    .isEqualTo(1);
        }

        @Test
        void evaluationsAreCounted() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.sum(
                            "fdc_devnet_proposals_seconds_count",
                            "operation",
                            "evaluate",
                            "chaincode",
                            "kv",
                            "status",
                            "OK"))
                    .isEqualTo(2);
        }

        @Test
        void unknownChannelsShareOneLabelValue() throws Exception {
            Contract stranger = alice.getNetwork("made-up-" + System.nanoTime()).getContract("kv");
            assertThatThrownBy(() -> stranger.evaluateTransaction("get", "k0")).isInstanceOf(GatewayException.class);

            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.sum("fdc_devnet_proposals_seconds_count", "operation", "evaluate", "channel", "other"))
                    .isEqualTo(1);
            assertThat(scrape.text()).doesNotContain("made-up-");
        }
    }
}
