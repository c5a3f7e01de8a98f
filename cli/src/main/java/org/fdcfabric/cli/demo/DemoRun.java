package org.fdcfabric.cli.demo;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.MetricsOptions;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.profile.ProfileReader;
import org.fdcfabric.compute.chain.PlanTerms;
import org.fdcfabric.compute.coordinator.ConsoleProgress;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.RoundReport;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.service.ComputeConfig;
import org.fdcfabric.compute.service.ComputeService;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.Evaluator;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingConfig;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsEndpoint;
import org.fdcfabric.msp.TlsDirectory;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;

/**
 * One run of the demo, phase by phase, each as the party who does it in FDC: the token admin, each institution's
 * provider identity, the data user, the compute organisation and the auditor, all through the Fabric Gateway of
 * an embedded devnet started in the run directory, or of an existing network named by a connection profile.
 * Each component (devnet, data centers, coordinator) keeps its meters in its own Prometheus registry, served
 * while the run lasts and written to {@code metrics/<component>.prom} at its end.
 */
final class DemoRun {
    static final String PURPOSE = "activity recognition from wrist acceleration";
    static final long MINTED = 10_000_000;
    static final int PHASES = 8;
    /** The mlp's mini-batch; logistic and fm step per example, as their default learning rate was tuned for. */
    private static final int MLP_BATCH_SIZE = 32;

    private static final Duration ROUND_DEADLINE = Duration.ofMinutes(2);

    private final DemoSettings settings;
    private final Connector connector;
    private final PrintWriter out;
    private final Clock clock;
    private final SecureRandom random;
    private final boolean progressBar;
    private final Optional<Path> network;
    private final Optional<MetricsBinding> metrics;
    private final Map<String, PrometheusMeterRegistry> registries = new LinkedHashMap<>();

    /**
     * @param network an existing network's connection profile, or empty for an embedded devnet
     * @param metrics where the components serve their metrics (ports counted up from the given one, unless 0)
     */
    DemoRun(
            DemoSettings settings,
            Connector connector,
            PrintWriter out,
            Clock clock,
            SecureRandom random,
            boolean progressBar,
            Optional<Path> network,
            Optional<MetricsBinding> metrics) {
        this.settings = settings;
        this.connector = connector;
        this.out = out;
        this.clock = clock;
        this.random = random;
        this.progressBar = progressBar;
        this.network = network;
        this.metrics = metrics;
    }

    /** Runs every phase; the devnet and the centers are stopped when it returns, their data kept on disk. */
    DemoReport run() throws Exception {
        long started = System.nanoTime();
        Path dir = settings.runDirectory();
        PhaseClock phases = new PhaseClock(out, PHASES);
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            DemoParties parties = phases.run(
                    network.isEmpty()
                            ? "devnet: start the network; the token admin initializes and mints"
                            : "network: connect to the existing network; the token admin mints",
                    () -> {
                        DemoParties found = network.isEmpty() ? startDevnet(resources, phases) : existing(phases);
                        FdcConnection admin = connect(resources, found, found.tokenAdmin());
                        initializeToken(admin, found.tokenAdmin().mspId(), phases);
                        admin.tokens().mint(found.dataUser().mspId(), MINTED);
                        phases.detail(
                                "%d FDC minted to %s", MINTED, found.dataUser().mspId());
                        return found;
                    });
            FdcConnection dataUser = connect(resources, parties, parties.dataUser());
            FdcConnection compute = connect(resources, parties, parties.compute());
            FdcConnection auditor = connect(resources, parties, parties.auditor());
            List<FdcConnection> owners = new ArrayList<>();
            for (DemoParties.Party provider : parties.providers()) {
                owners.add(connect(resources, parties, provider));
            }

            List<Institution> institutions = phases.run(
                    "institutions: " + settings.institutions()
                            + " private data centers govern their wearables and register UCLs",
                    () -> startInstitutions(parties, owners, resources, phases));
            List<String> datasetIds =
                    institutions.stream().map(i -> i.ucl().id()).sorted().toList();

            String suffix = HexFormat.of().formatHex(random.generateSeed(4));
            String requestId = "request-" + suffix;
            String jobId = "job-" + suffix;
            TrainingPlan plan = plan(institutions.get(0));
            long passRounds = settings.rounds() + 1L;
            Map<String, String> passIds =
                    phases.run("request: the data user signs a collaboration request; each owner grants a pass", () -> {
                        CollaborationRequest request = new CollaborationRequest(
                                requestId,
                                parties.dataUser().mspId(),
                                datasetIds,
                                PURPOSE,
                                "federated-" + settings.model().wireName(),
                                (int) passRounds,
                                clock.instant().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                                HexFormat.of().formatHex(random.generateSeed(16)));
                        byte[] signature = Signatures.sign(dataUser.identity().privateKey(), request.canonicalBytes());
                        dataUser.passes().requestAccess(request, signature);
                        Map<String, String> granted = new TreeMap<>();
                        for (int i = 0; i < institutions.size(); i++) {
                            // one round more than the job's budget: the final model is evaluated after the last
                            // recorded round has charged the pass
                            AccessPass pass = owners.get(i)
                                    .passes()
                                    .grant(
                                            requestId,
                                            institutions.get(i).ucl().id(),
                                            clock.instant().plus(7, ChronoUnit.DAYS),
                                            passRounds)
                                    .value();
                            granted.put(pass.datasetId(), pass.passId());
                            phases.detail("%s granted %s", pass.ownerMsp(), pass.passId());
                        }
                        return granted;
                    });

            long samples = institutions.stream()
                    .mapToLong(i -> i.dataset().train().size())
                    .sum();
            JobOffer offer = new JobOffer(
                    jobId,
                    datasetIds,
                    PURPOSE,
                    1,
                    samples * settings.rounds() + samples * settings.rounds() / 4,
                    Math.max(1, samples * settings.rounds() / 10),
                    parties.compute().mspId(),
                    PlanTerms.toOffer(plan),
                    settings.rounds(),
                    clock.instant().plus(1, ChronoUnit.DAYS));
            phases.run("job: the data user escrows an offer; each provider accepts with its samples", () -> {
                dataUser.jobs().create(offer);
                phases.detail(
                        "%d FDC escrowed (provider cap %d, compute fee %d)",
                        offer.escrowAmount(), offer.providerCap(), offer.computeFee());
                for (int i = 0; i < institutions.size(); i++) {
                    Institution institution = institutions.get(i);
                    String datasetId = institution.ucl().id();
                    owners.get(i)
                            .jobs()
                            .accept(
                                    jobId,
                                    datasetId,
                                    passIds.get(datasetId),
                                    institution.dataset().train().size());
                    phases.detail(
                            "%s accepts with %d samples",
                            institution.mspId(), institution.dataset().train().size());
                }
                return null;
            });

            JobResult result = phases.run(
                    "training: the public compute node runs " + settings.rounds()
                            + " rounds over mTLS (its service starts the job once every dataset accepted), recording each on chain, and completes the job",
                    () -> train(parties, compute, jobId, dir, resources, phases));

            TrainingJob settled = phases.run("settlement: payouts and refund settled in chaincode", () -> {
                TrainingJob job = dataUser.jobs().job(jobId).orElseThrow();
                for (Payout payout : job.settlement().payouts()) {
                    phases.detail("%-13s %-12s %d FDC", payout.account(), payout.kind(), payout.amount());
                }
                return job;
            });

            Path provenance = result.modelFile().resolveSibling("final.provenance.json");
            AuditVerdict verdict = phases.run("audit: trails, passes, payouts, usage, lineage, tokens", () -> {
                AuditVerdict v = new DemoAudit(auditor).check(jobId, result.modelFile(), provenance);
                for (AuditVerdict.Check check : v.checks()) {
                    phases.detail("%-8s %s  %s", check.name(), check.passed() ? "pass" : "FAIL", check.covered());
                    check.violations().forEach(violation -> phases.detail("  %s", violation));
                }
                return v;
            });

            DemoReport.Accuracy accuracy = phases.run(
                    "baseline: a centralized model on the pooled governed data, for comparison",
                    () -> accuracy(institutions, plan, result.finalModel(), result.preprocessing()));

            Map<String, Long> balances = new TreeMap<>();
            List<String> accounts = new ArrayList<>(
                    institutions.stream().map(Institution::mspId).toList());
            accounts.add(parties.dataUser().mspId());
            accounts.add(parties.compute().mspId());
            for (String account : accounts) {
                balances.put(account, auditor.tokens().balanceOf(account).balance());
            }
            DemoReport report = new DemoReport(
                    jobId,
                    settings.model().wireName(),
                    settings.institutions(),
                    settings.rounds(),
                    settings.seed(),
                    phases.phases(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    institutions.stream().map(DemoRun::datasetLine).toList(),
                    result.rounds().stream().map(DemoRun::roundLine).toList(),
                    accuracy,
                    MINTED,
                    settled.settlement().payouts().stream()
                            .map(p -> new DemoReport.PayoutLine(
                                    p.account(), p.kind().name(), p.amount(), p.datasetId(), p.sampleRounds()))
                            .toList(),
                    balances,
                    verdict,
                    result.finalModelHash(),
                    result.modelFile().toString(),
                    provenance.toString());
            report.write(dir);
            writeMetrics(dir.resolve(DemoLayout.METRICS));
            return report;
        } finally {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    out.println("warning: shutdown step failed: " + e);
                }
            }
        }
    }

    private DemoParties startDevnet(Deque<AutoCloseable> resources, PhaseClock phases) throws Exception {
        Devnet devnet = Devnet.start(
                DemoNetwork.config(settings.root(), settings.institutions()),
                settings.runDirectory().resolve(DemoLayout.DEVNET),
                0,
                registry("devnet", 0, resources, phases));
        resources.push(devnet);
        phases.detail("gateway on port %d", devnet.port());
        return DemoParties.devnet(devnet.profileFile(), devnet.crypto(), settings.institutions());
    }

    private DemoParties existing(PhaseClock phases) throws Exception {
        Path profileFile = network.orElseThrow();
        DemoParties parties = DemoParties.fromProfile(
                profileFile, new ProfileReader().read(profileFile).profile(), settings.institutions(), clock, random);
        phases.detail(
                "profile %s: token admin %s, data user %s, compute %s, auditor %s, providers %s",
                profileFile,
                parties.tokenAdmin().identity(),
                parties.dataUser().identity(),
                parties.compute().identity(),
                parties.auditor().identity(),
                parties.providers().stream().map(DemoParties.Party::identity).toList());
        return parties;
    }

    /** Initializes the token unless the network already has it (a network the demo ran on before). */
    private static void initializeToken(FdcConnection admin, String adminMsp, PhaseClock phases) throws Exception {
        try {
            admin.tokens().initialize("FDC", adminMsp);
        } catch (ChaincodeRejected e) {
            if (!ErrorCode.TOKEN_ALREADY_INITIALIZED.is(e.code())) {
                throw e;
            }
            phases.detail(
                    "token already initialized (supply %d)", admin.tokens().totalSupply());
        }
    }

    /**
     * The component's registry; its endpoint, unless metrics are off, on the binding's port plus {@code offset}
     * (or a free port when the binding's is 0).
     */
    private PrometheusMeterRegistry registry(
            String component, int offset, Deque<AutoCloseable> resources, PhaseClock phases) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registries.put(component, registry);
        if (metrics.isPresent()) {
            MetricsBinding binding = metrics.get();
            MetricsEndpoint endpoint = MetricsOptions.start(
                    binding.port() == 0 ? binding : binding.withPort(binding.port() + offset), registry);
            resources.push(endpoint);
            phases.detail("%s metrics: %s", component, endpoint.uri());
        }
        return registry;
    }

    /** A last scrape of every component: the endpoints go away with the run, the numbers stay. */
    private void writeMetrics(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, PrometheusMeterRegistry> registry : registries.entrySet()) {
            Files.writeString(
                    directory.resolve(registry.getKey() + ".prom"),
                    registry.getValue().scrape());
        }
    }

    private FdcConnection connect(Deque<AutoCloseable> resources, DemoParties parties, DemoParties.Party party)
            throws Exception {
        FdcConnection connection = connector.connect(parties.profileFile(), party.identity());
        resources.push(connection);
        return connection;
    }

    /**
     * Each institution prepares and publishes its dataset, then every center starts as {@code fdc center serve}
     * would, once all datasets are known (each center's secure-aggregation peers are the others' certificates by
     * dataset id, from the consortium's TLS material, never from the coordinator).
     */
    private List<Institution> startInstitutions(
            DemoParties parties, List<FdcConnection> owners, Deque<AutoCloseable> resources, PhaseClock phases)
            throws Exception {
        Map<String, Path> authorities = new TreeMap<>();
        for (String msp : parties.tls().keySet()) {
            authorities.put(msp, tlsFiles(parties, msp).caCertificateFile());
        }
        List<Institution.Prepared> prepared = new ArrayList<>();
        Map<String, Path> peers = new TreeMap<>();
        for (int i = 1; i <= settings.institutions(); i++) {
            String msp = parties.providers().get(i - 1).mspId();
            Institution.Prepared institution = Institution.prepare(
                    msp,
                    settings.school(i),
                    settings.dataSeed(i),
                    settings.testSubjects(),
                    settings.runDirectory().resolve(DemoLayout.CENTERS).resolve("provider" + i),
                    owners.get(i - 1),
                    random,
                    registry("center-" + msp, i, resources, phases));
            prepared.add(institution);
            peers.put(institution.ucl().id(), tlsFiles(parties, msp).certificateFile());
        }
        List<Institution> institutions = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Institution.Prepared p = prepared.get(i);
            TlsDirectory tls = tlsFiles(parties, p.mspId());
            Institution institution = Institution.serve(
                    p,
                    parties.profileFile(),
                    parties.providers().get(i).identity(),
                    new Institution.TlsFiles(tls.certificateFile(), tls.keyFile(), authorities),
                    peers,
                    owners.get(i),
                    registries.get("center-" + p.mspId()),
                    clock,
                    random);
            resources.push(institution);
            institutions.add(institution);
            phases.detail(
                    "%s: %s, %d governed windows (%d train, %d test), root %s…, %s",
                    p.mspId(),
                    institution.ucl().id(),
                    institution.governedRecords(),
                    institution.dataset().train().size(),
                    institution.dataset().test().size(),
                    institution.ucl().merkleRoot().substring(0, 12),
                    institution.ucl().address());
        }
        return institutions;
    }

    /** The organisation's TLS identity as files under the run directory, where the services' configs point. */
    private TlsDirectory tlsFiles(DemoParties parties, String mspId) {
        TlsDirectory directory =
                new TlsDirectory(settings.runDirectory().resolve(DemoLayout.TLS).resolve(mspId));
        if (!java.nio.file.Files.exists(directory.keyFile())) {
            TlsDirectory.TlsMaterial material = parties.tls(mspId);
            directory.write(material.identity(), material.caCertificate());
        }
        return directory;
    }

    private TrainingPlan plan(Institution any) {
        DatasetSchema schema = Preprocessing.inputSchema(any.dataset().train().schema());
        int features = schema.featureNames().size();
        int classes = schema.outputCount();
        ModelArchitecture spec =
                switch (settings.model()) {
                    case MLP -> ModelArchitecture.mlp(features, settings.hidden(), classes);
                    case FM -> ModelArchitecture.fm(features, classes, 8);
                    case LOGISTIC -> ModelArchitecture.logistic(features, classes);
                    case LINEAR -> throw new IllegalArgumentException("linear regression does not classify activities");
                };
        return new TrainingPlan(
                        spec,
                        settings.localEpochs(),
                        settings.learningRate(),
                        spec.family() == ModelFamily.MLP ? MLP_BATCH_SIZE : 1,
                        0,
                        1.0,
                        Math.max(1, (settings.institutions() + 1) / 2),
                        ROUND_DEADLINE,
                        0,
                        settings.seed(),
                        settings.aggregation())
                .withOptimization(settings.serverOptimizer(), settings.schedule())
                // each school's governance already standardized its windows (docs/preprocessing.md)
                .withPreprocess(Scaling.NONE);
    }

    /**
     * Runs the compute node's service, as {@code fdc compute serve} would, on this run's job only: it starts the
     * job (every dataset has accepted), trains it and completes it.
     */
    private JobResult train(
            DemoParties parties,
            FdcConnection compute,
            String jobId,
            Path dir,
            Deque<AutoCloseable> resources,
            PhaseClock phases)
            throws Exception {
        PrometheusMeterRegistry meters = registry("coordinator", settings.institutions() + 1, resources, phases);
        TlsDirectory tls = tlsFiles(parties, parties.compute().mspId());
        Map<String, Path> authorities = new TreeMap<>();
        Map<String, Path> centers = new TreeMap<>();
        for (DemoParties.Party provider : parties.providers()) {
            TlsDirectory center = tlsFiles(parties, provider.mspId());
            authorities.put(provider.mspId(), center.caCertificateFile());
            centers.put(provider.mspId(), center.certificateFile());
        }
        ComputeConfig config = new ComputeConfig(
                parties.profileFile(),
                parties.compute().identity(),
                dir,
                tls.certificateFile(),
                tls.keyFile(),
                authorities,
                centers,
                new ComputeConfig.Jobs(1, ROUND_DEADLINE, 1),
                Optional.empty(),
                Optional.empty());
        try (ComputeService service = ComputeService.start(
                config, compute, meters, new ConsoleProgress(out, "      training", progressBar), job -> job.jobId()
                        .equals(jobId))) {
            return service.completion(jobId).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The centralized baseline trains on the job's preprocessing too, so the two differ only in how they train. */
    private DemoReport.Accuracy accuracy(
            List<Institution> institutions, TrainingPlan plan, ModelWeights federated, Preprocessing preprocessing) {
        LocalDataset train = LocalDataset.concat(institutions.stream()
                .map(i -> preprocessing.apply(i.dataset().train()))
                .toList());
        LocalDataset test = LocalDataset.concat(institutions.stream()
                .map(i -> preprocessing.apply(i.dataset().test()))
                .toList());
        ModelWeights initial =
                new ModelInitializer().initial(plan.spec(), train.schema().hash(), plan.seed());
        ModelFamily family = plan.spec().family();
        ModelWeights centralized = Trainers.forFamily(family)
                .train(
                        initial,
                        train,
                        new TrainingConfig(
                                settings.rounds() * plan.localEpochs(),
                                plan.learningRate(),
                                plan.batchSize(),
                                0,
                                plan.seed()))
                .weights();
        Evaluator evaluator = new Evaluator();
        return new DemoReport.Accuracy(
                evaluator.evaluate(federated, test).metric("accuracy"),
                evaluator.evaluate(centralized, test).metric("accuracy"),
                test.size());
    }

    private static DemoReport.DatasetLine datasetLine(Institution institution) {
        return new DemoReport.DatasetLine(
                institution.ucl().id(),
                institution.mspId(),
                institution.governedRecords(),
                institution.dataset().train().size(),
                institution.dataset().test().size(),
                institution.ucl().merkleRoot(),
                institution.ucl().address());
    }

    private static DemoReport.RoundLine roundLine(RoundReport report) {
        BigDecimal loss = report.record().metrics().get("train_loss");
        return new DemoReport.RoundLine(
                report.record().round(),
                report.record().participants().size(),
                report.evaluation().getOrDefault("accuracy", Double.NaN),
                loss,
                report.record().progress().distance(),
                report.record().aggregateModelHash());
    }
}
