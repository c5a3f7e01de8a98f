package org.fdcfabric.datacenter.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.datacenter.governance.GovernanceMetrics;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
import org.fdcfabric.datacenter.governance.GovernanceStep;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.governance.Pseudonymizer;
import org.fdcfabric.datacenter.governance.ReadingCleaner;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.simulator.SimulatedSchool;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.datacenter.store.imports.ActivityLogs;
import org.fdcfabric.datacenter.store.imports.SimulatorImport;
import org.fdcfabric.datacenter.store.imports.StoredStreams;
import org.fdcfabric.datacenter.testing.TestPki;
import org.fdcfabric.learning.crypto.TlsMaterial;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsDoc;
import org.fdcfabric.metrics.MetricsEndpoint;
import org.fdcfabric.metrics.Scrape;
import org.fdcfabric.protocol.federation.EvaluateRequest;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data center's meters scraped over real HTTP after real work: readings stored and governed through its store
 * and pipeline, Train and Evaluate served over mutual TLS, refusals for a revoked pass and a foreign caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CenterMetricsTest {
    private static final String DATASET = "school-a";
    private static final String PURPOSE = "activity-recognition";
    private static final int TRAINS = 2;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TestPki pki = new TestPki();
    private final InMemoryPassLedger ledger = new InMemoryPassLedger(Clock.systemUTC());
    private CenterStore store;
    private FederationServer server;
    private MetricsEndpoint endpoint;
    private ManagedChannel coordinatorChannel;
    private ManagedChannel otherChannel;
    private long storedReadings;
    private GovernedDataset governed;
    private long bytesSent;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        store = CenterStore.open(StoreConfig.embedded(dir), "password".toCharArray(), registry);
        SimulatedSchool school = new WearableSimulator(7)
                .simulate(WearableSimulator.fdcSchools(2, 1).get(0));
        new SimulatorImport(store.readings(), new ActivityLogs(store.readings())).importSchool("a-wrist", school);
        storedReadings = store.readings().count("a-wrist");
        governed = new GovernancePipeline(
                        new ReadingCleaner(), new Pseudonymizer(store.keys().pseudonymKey()), Windower.fdc())
                .govern("a-wearables", new StoredStreams(store.readings()).governanceInputs(List.of("a-wrist")));
        new GovernanceMetrics(registry).record(governed.report());

        TestPki.Org providerOrg = pki.organization("SchoolAMSP");
        TestPki.Org computeOrg = pki.organization("ComputeMSP");
        TestPki.Org otherOrg = pki.organization("OtherMSP");
        TestPki.Member center = pki.member(providerOrg, "datacenter.school-a");
        TestPki.Member coordinator = pki.member(computeOrg, "coordinator");
        TestPki.Member other = pki.member(otherOrg, "someone");
        FederationService service = new FederationService(
                "school-a",
                new KeyPair(center.certificate().getPublicKey(), center.privateKey()),
                List.of(new CenterDataset(
                        DATASET, GaussianBlobs.classification(200, 1, 0.7), GaussianBlobs.classification(50, 2, 0.7))),
                ledger,
                Trainers::forFamily,
                new SecureRandom());
        server = FederationServer.start(
                0,
                new CenterIdentity("SchoolAMSP", center.privateKey(), center.certificate()),
                new TrustedOrganizations(Map.of(
                        providerOrg.mspId(), providerOrg.ca(),
                        computeOrg.mspId(), computeOrg.ca(),
                        otherOrg.mspId(), otherOrg.ca())),
                service,
                Clock.systemUTC(),
                registry);
        endpoint = MetricsEndpoint.start(MetricsBinding.loopback(0), registry);
        ledger.grant("job-1", DATASET, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
        ledger.grant(
                "job-revoked", DATASET, "ComputeMSP", PURPOSE, Instant.now().plus(Duration.ofHours(1)));
        ledger.revoke("job-revoked", DATASET);

        coordinatorChannel = channel(coordinator, providerOrg);
        otherChannel = channel(other, providerOrg);
        ModelWeights global =
                new ModelInitializer().initial(ModelArchitecture.logistic(6, 4), GaussianBlobs.SCHEMA.hash(), 1);
        for (int round = 1; round <= TRAINS; round++) {
            TrainResponse response = stub(coordinatorChannel).train(train("job-1", round, global));
            bytesSent += response.getSerializedSize();
        }
        bytesSent += stub(coordinatorChannel)
                .evaluate(EvaluateRequest.newBuilder()
                        .setJobId("job-1")
                        .setRound(TRAINS)
                        .setDatasetId(DATASET)
                        .setPurpose(PURPOSE)
                        .setModel(ModelCodec.toProto(global))
                        .build())
                .getSerializedSize();
        assertThatThrownBy(() -> stub(coordinatorChannel).train(train("job-revoked", 1, global)))
                .isInstanceOf(StatusRuntimeException.class);
        assertThatThrownBy(() -> stub(otherChannel).train(train("job-1", 1, global)))
                .isInstanceOf(StatusRuntimeException.class);
    }

    @AfterAll
    void stop() throws Exception {
        for (ManagedChannel channel : new ManagedChannel[] {coordinatorChannel, otherChannel}) {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private ManagedChannel channel(TestPki.Member as, TestPki.Org serverOrg) throws Exception {
        return Grpc.newChannelBuilderForAddress(
                        "localhost",
                        server.port(),
                        TlsChannelCredentials.newBuilder()
                                .keyManager(TlsMaterial.keyManagers(as.privateKey(), as.certificate()))
                                .trustManager(TlsMaterial.trustManagers(serverOrg.ca()))
                                .build())
                .build();
    }

    private static FederationGrpc.FederationBlockingStub stub(ManagedChannel channel) {
        return FederationGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static TrainRequest train(String job, int round, ModelWeights global) {
        return TrainRequest.newBuilder()
                .setJobId(job)
                .setRound(round)
                .setDatasetId(DATASET)
                .setPurpose(PURPOSE)
                .setGlobalModel(ModelCodec.toProto(global))
                .setHyperparameters(Hyperparameters.newBuilder()
                        .setLocalEpochs(1)
                        .setLearningRate(0.1)
                        .setBatchSize(16)
                        .setSeed(5))
                .build();
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
    class Data {
        @Test
        void everyStoredReadingIsCounted() throws Exception {
            assertThat(storedReadings).isPositive();
            assertThat(Scrape.of(endpoint.uri()).sum("fdc_center_readings_stored_total"))
                    .isEqualTo(storedReadings);
        }

        @Test
        void governanceKeptAndRejectedFollowTheReport() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            for (GovernanceStep step : governed.report().steps()) {
                assertThat(scrape.sum("fdc_center_governance_kept_total", "step", step.name()))
                        .as(step.name())
                        .isEqualTo(step.kept());
                assertThat(scrape.sum("fdc_center_governance_rejected_total", "step", step.name()))
                        .as(step.name())
                        .isEqualTo(step.dropped());
            }
            assertThat(governed.report().steps().stream()
                            .mapToLong(GovernanceStep::dropped)
                            .sum())
                    .as("the simulator's glitches give governance something to reject")
                    .isPositive();
        }
    }

    @Nested
    class Federation {
        @Test
        void trainAndEvaluateCallsAreCountedByStatus() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.sum("fdc_center_calls_seconds_count", "operation", "train", "status", "OK"))
                    .isEqualTo(TRAINS);
            assertThat(scrape.sum("fdc_center_calls_seconds_count", "operation", "evaluate", "status", "OK"))
                    .isEqualTo(1);
            assertThat(scrape.sum(
                            "fdc_center_calls_seconds_count", "operation", "train", "status", "PERMISSION_DENIED"))
                    .isEqualTo(2);
        }

        @Test
        void refusalsAreCountedByReason() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.sum("fdc_center_refusals_total", "operation", "train", "reason", "PASS_REVOKED"))
                    .isEqualTo(1);
            assertThat(scrape.sum(
                            "fdc_center_refusals_total", "operation", "train", "reason", "CALLER_NOT_COMPUTE_ORG"))
                    .isEqualTo(1);
            assertThat(ledger.usage()).filteredOn(u -> !u.granted()).hasSize(2);
        }

        @Test
        void bytesSentAreTheResponsesSizes() throws Exception {
            Scrape scrape = Scrape.of(endpoint.uri());

            assertThat(scrape.sum("fdc_center_sent_bytes_total")).isEqualTo(bytesSent);
            assertThat(scrape.sum("fdc_center_received_bytes_total", "operation", "train"))
                    .isPositive();
        }
    }
}
