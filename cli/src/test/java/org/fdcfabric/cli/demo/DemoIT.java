package org.fdcfabric.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.metrics.MetricsDoc;
import org.fdcfabric.metrics.Scrape;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.PayoutKind;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A reduced {@code fdc demo} (2 institutions, 2 rounds, 3 children per school) against the packaged chaincode
 * jars, then its outcomes read back from the chain: the devnet the demo kept is restarted from its ledgers and
 * queried as the auditor and the data user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoIT {
    /** Four activity classes: chance is 0.25; the reduced run reaches about 0.6. */
    private static final double ACCURACY_THRESHOLD = 0.5;

    private static final int INSTITUTIONS = 2;
    private static final int ROUNDS = 2;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path root;
    private Path dir;
    private int exit;
    private JsonNode report;
    private Devnet devnet;
    private final List<FdcConnection> connections = new ArrayList<>();

    @BeforeAll
    void runTheDemoThenRestartItsDevnet() throws Exception {
        root = Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        dir = Files.createTempDirectory("fdc-demo-it").resolve("run");
        CliContext context = new CliContext(
                Connector.gateway(),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of(),
                Clock.systemUTC(),
                new SecureRandom());
        exit = Fdc.commandLine(context)
                .execute(
                        "demo",
                        "--dir",
                        dir.toString(),
                        "--root",
                        root.toString(),
                        "--institutions",
                        Integer.toString(INSTITUTIONS),
                        "--rounds",
                        Integer.toString(ROUNDS),
                        "--subjects",
                        "3",
                        "--keep",
                        "--no-progress");
        if (Files.exists(dir.resolve(DemoReport.JSON))) {
            report = new ObjectMapper().readTree(dir.resolve(DemoReport.JSON).toFile());
        }
        devnet = Devnet.start(DemoNetwork.config(root, INSTITUTIONS), dir.resolve(DemoLayout.DEVNET), 0);
    }

    @AfterAll
    void stop() {
        connections.forEach(FdcConnection::close);
        if (devnet != null) {
            devnet.close();
        }
    }

    private FdcConnection as(String identity) throws Exception {
        FdcConnection connection = FdcConnection.builder()
                .profile(devnet.profileFile())
                .identity(identity)
                .connect();
        connections.add(connection);
        return connection;
    }

    private TrainingJob job() throws Exception {
        return as(DemoNetwork.AUDITOR).jobs().job(report.get("jobId").asText()).orElseThrow();
    }

    @Test
    void theCommandSucceedsAndReportsEveryPhase() {
        assertThat(exit).as(err.toString() + out).isZero();
        assertThat(report).isNotNull();
        List<String> phases = new ArrayList<>();
        report.get("phases").forEach(p -> phases.add(p.get("name").asText()));
        assertThat(phases)
                .hasSize(DemoRun.PHASES)
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("devnet:"),
                        p -> assertThat(p).startsWith("institutions:"),
                        p -> assertThat(p).startsWith("request:"),
                        p -> assertThat(p).startsWith("job:"),
                        p -> assertThat(p).startsWith("training:"),
                        p -> assertThat(p).startsWith("settlement:"),
                        p -> assertThat(p).startsWith("audit:"),
                        p -> assertThat(p).startsWith("baseline:"));
        report.get("phases").forEach(p -> assertThat(p.get("millis").asLong()).isNotNegative());
        assertThat(Files.exists(dir.resolve(DemoReport.MARKDOWN))).isTrue();
        assertThat(out.toString())
                .contains("[1/8] devnet:")
                .contains("[8/8] baseline:")
                .contains("audit: CLEAN")
                .contains("report: " + dir.resolve(DemoReport.MARKDOWN))
                // a summary, not the Markdown report, and no bar frames in a log
                .doesNotContain("| --- |")
                .doesNotContain("\r");
        report.get("rounds").forEach(round -> {
            assertThat(round.get("distance").isNumber()).isTrue();
            assertThat(round.get("federatedAccuracy").isNumber()).isTrue();
        });
    }

    @Nested
    class Metrics {
        private Scrape last(String component) throws Exception {
            return Scrape.parse(Files.readString(dir.resolve(DemoLayout.METRICS).resolve(component + ".prom")));
        }

        @Test
        void everyComponentServedItsEndpointAndItsMetricsAreDocumented() throws Exception {
            assertThat(out.toString())
                    .containsPattern("devnet metrics: http://127\\.0\\.0\\.1:\\d+/metrics")
                    .containsPattern("center-Provider1MSP metrics: http://127\\.0\\.0\\.1:\\d+/metrics")
                    .containsPattern("coordinator metrics: http://127\\.0\\.0\\.1:\\d+/metrics");
            for (String component :
                    new String[] {"devnet", "center-Provider1MSP", "center-Provider2MSP", "coordinator"}) {
                assertThat(MetricsDoc.undocumented(last(component)))
                        .as(component)
                        .isEmpty();
            }
        }

        @Test
        void theCountersFollowTheRun() throws Exception {
            Scrape devnet = last("devnet");
            Scrape center = last("center-Provider1MSP");
            Scrape coordinator = last("coordinator");

            assertThat(devnet.sum("fdc_devnet_transactions_total", "code", "VALID"))
                    .isGreaterThan(ROUNDS);
            assertThat(devnet.sum("fdc_devnet_commit_seconds_count"))
                    .isEqualTo(devnet.sum("fdc_devnet_transactions_total"));
            assertThat(center.sum("fdc_center_calls_seconds_count", "operation", "train", "status", "OK"))
                    .isEqualTo(ROUNDS);
            assertThat(center.sum("fdc_center_readings_stored_total")).isPositive();
            assertThat(coordinator.sum("fdc_coordinator_round_seconds_count")).isEqualTo(ROUNDS);
            assertThat(coordinator.sum("fdc_coordinator_participants_sum")).isEqualTo(ROUNDS * INSTITUTIONS);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnChain {
        @Test
        void theJobCompletedAfterItsRoundsWithEveryInstitution() throws Exception {
            TrainingJob job = job();
            List<RoundRecord> rounds =
                    as(DemoNetwork.AUDITOR).jobs().rounds(job.jobId(), 100, "").rounds();

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.roundsRecorded()).isEqualTo(ROUNDS);
            assertThat(job.participants()).hasSize(INSTITUTIONS);
            assertThat(rounds).hasSize(ROUNDS).allSatisfy(r -> assertThat(r.participants())
                    .hasSize(INSTITUTIONS));
        }

        @Test
        void tokensAreConserved() throws Exception {
            FdcConnection auditor = as(DemoNetwork.AUDITOR);
            long sum = 0;
            String bookmark = "";
            do {
                AccountPage page = auditor.tokens().accounts(100, bookmark);
                sum += page.accounts().stream().mapToLong(Balance::balance).sum();
                bookmark = page.bookmark();
            } while (!bookmark.isEmpty());
            TrainingJob job = job();

            assertThat(sum).isEqualTo(DemoRun.MINTED);
            assertThat(auditor.tokens().totalSupply()).isEqualTo(DemoRun.MINTED);
            assertThat(auditor.tokens().balanceOf("escrow:" + job.jobId()).balance())
                    .isZero();
            assertThat(job.settlement().payouts().stream()
                            .mapToLong(Payout::amount)
                            .sum())
                    .isEqualTo(job.offer().escrowAmount());
            long providers = job.settlement().payouts().stream()
                    .filter(p -> p.kind() == PayoutKind.PROVIDER)
                    .count();
            assertThat(providers).isEqualTo(INSTITUTIONS);
        }

        @Test
        void theAuditIsCleanAndEveryTrailVerifies() throws Exception {
            FdcConnection auditor = as(DemoNetwork.AUDITOR);
            TrainingJob job = job();
            Path model = Path.of(report.get("modelFile").asText());
            AuditVerdict verdict =
                    new DemoAudit(auditor).check(job.jobId(), model, model.resolveSibling("final.provenance.json"));

            assertThat(verdict.checks())
                    .allSatisfy(c -> assertThat(c.violations()).as(c.name()).isEmpty());
            assertThat(verdict.clean()).isTrue();
            List<AuditEntry> heads = new ArrayList<>();
            String bookmark = "";
            do {
                TrailHeadPage page = auditor.audit().heads(100, bookmark);
                heads.addAll(page.heads());
                bookmark = page.bookmark();
            } while (!bookmark.isEmpty());
            assertThat(heads).extracting(AuditEntry::subject).contains("job:" + job.jobId(), "token");
            for (AuditEntry head : heads) {
                assertThat(auditor.audit().verify(head.subject()).valid())
                        .as(head.subject())
                        .isTrue();
            }
        }

        /**
         * The model file, identified by the last round's hash on chain, scored on the institutions' governed data,
         * regenerated here from the same schools and seeds; and the held-out accuracy the run measured.
         */
        @Test
        void theFederatedModelBeatsTheThreshold() throws Exception {
            List<RoundRecord> rounds = as(DemoNetwork.AUDITOR)
                    .jobs()
                    .rounds(job().jobId(), 100, "")
                    .rounds();
            String lastHash = rounds.get(rounds.size() - 1).aggregateModelHash();
            Path model = Path.of(report.get("modelFile").asText());
            DemoSettings settings = new DemoSettings(
                    root,
                    dir,
                    INSTITUTIONS,
                    ROUNDS,
                    ModelFamily.LOGISTIC,
                    List.of(),
                    1,
                    0.01,
                    3,
                    1,
                    1,
                    2019,
                    false,
                    "fedavg",
                    ServerOptimizerTerms.NONE,
                    ScheduleTerms.CONSTANT);
            // the model was trained on the job's preprocessing, which its provenance carries: none, because each
            // school's governance standardized its windows already
            Preprocessing preprocessing = Preprocessing.of(
                    ModelProvenance.read(Files.readString(model.resolveSibling("final.provenance.json")))
                            .preprocessing());
            assertThat(preprocessing.transform().scaling()).isEqualTo(InputTransform.Scaling.NONE);
            List<LocalDataset> data = new ArrayList<>();
            Path stores = Files.createTempDirectory("fdc-demo-it-stores");
            for (int i = 1; i <= INSTITUTIONS; i++) {
                char[] password = HexFormat.of()
                        .formatHex(new SecureRandom().generateSeed(8))
                        .toCharArray();
                try (CenterStore store = CenterStore.open(StoreConfig.embedded(stores.resolve("c" + i)), password)) {
                    Institution.Governed governed =
                            Institution.govern(store, settings.school(i), settings.dataSeed(i), 1);
                    data.add(preprocessing.apply(governed.dataset().train()));
                    data.add(preprocessing.apply(governed.dataset().test()));
                }
            }
            LocalDataset all = LocalDataset.concat(data);
            ModelWeights weights = ModelCodec.fromProto(
                    Model.parseFrom(Files.readAllBytes(model)), all.schema().hash());

            assertThat(ModelCodec.hash(weights)).isEqualTo(lastHash);
            assertThat(new Evaluator().evaluate(weights, all).metric("accuracy"))
                    .isGreaterThan(ACCURACY_THRESHOLD);
            assertThat(report.get("accuracy").get("federated").asDouble()).isGreaterThan(ACCURACY_THRESHOLD);
        }
    }
}
