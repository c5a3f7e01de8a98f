package org.fdcfabric.cli.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.compute.chain.ChainJobLedger;
import org.fdcfabric.compute.chain.PlanTerms;
import org.fdcfabric.compute.coordinator.Coordinator;
import org.fdcfabric.compute.coordinator.CoordinatorIdentity;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.coordinator.RoundReport;
import org.fdcfabric.compute.coordinator.TlsCenterDirectory;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.datacenter.masking.MaskingPeers;
import org.fdcfabric.datacenter.training.DatasetSchema;
import org.fdcfabric.datacenter.training.Evaluator;
import org.fdcfabric.datacenter.training.LocalDataset;
import org.fdcfabric.datacenter.training.ModelFamily;
import org.fdcfabric.datacenter.training.ModelInitializer;
import org.fdcfabric.datacenter.training.ModelSpec;
import org.fdcfabric.datacenter.training.ModelWeights;
import org.fdcfabric.datacenter.training.Trainers;
import org.fdcfabric.datacenter.training.TrainingConfig;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.config.CryptoMaterial;
import org.fdcfabric.msp.TlsDirectory;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.request.CollaborationRequest;

/**
 * One run of the demo, phase by phase, each as the party who does it in FDC: the token admin, each institution's
 * provider identity, the data user, the compute organisation and the auditor, all through the Fabric Gateway of
 * an embedded devnet started in the run directory.
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

    DemoRun(
            DemoSettings settings,
            Connector connector,
            PrintWriter out,
            Clock clock,
            SecureRandom random,
            boolean progressBar) {
        this.settings = settings;
        this.connector = connector;
        this.out = out;
        this.clock = clock;
        this.random = random;
        this.progressBar = progressBar;
    }

    /** Runs every phase; the devnet and the centers are stopped when it returns, their data kept on disk. */
    DemoReport run() throws Exception {
        long started = System.nanoTime();
        Path dir = settings.runDirectory();
        PhaseClock phases = new PhaseClock(out, PHASES);
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            Devnet devnet = phases.run("devnet: start the network; the token admin initializes and mints", () -> {
                Devnet network = Devnet.start(
                        DemoNetwork.config(settings.root(), settings.institutions()),
                        dir.resolve(DemoLayout.DEVNET),
                        0);
                resources.push(network);
                FdcConnection admin = connect(resources, network, DemoNetwork.TOKEN_ADMIN);
                admin.tokens().initialize("FDC", DemoNetwork.TOKEN_ADMIN_MSP);
                admin.tokens().mint(DemoNetwork.DATA_USER_MSP, MINTED);
                phases.detail(
                        "gateway on port %d; %d FDC minted to %s", network.port(), MINTED, DemoNetwork.DATA_USER_MSP);
                return network;
            });
            CryptoMaterial crypto = devnet.crypto();
            FdcConnection dataUser = connect(resources, devnet, DemoNetwork.DATA_USER);
            FdcConnection compute = connect(resources, devnet, DemoNetwork.COMPUTE);
            FdcConnection auditor = connect(resources, devnet, DemoNetwork.AUDITOR);
            List<FdcConnection> owners = new ArrayList<>();
            for (int i = 1; i <= settings.institutions(); i++) {
                owners.add(connect(resources, devnet, DemoNetwork.providerUser(i)));
            }

            List<Institution> institutions = phases.run(
                    "institutions: " + settings.institutions()
                            + " private data centers govern their wearables and register UCLs",
                    () -> startInstitutions(crypto, owners, resources, phases));
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
                                DemoNetwork.DATA_USER_MSP,
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
                    DemoNetwork.COMPUTE_MSP,
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
                compute.jobs().start(jobId);
                return null;
            });

            JobResult result = phases.run(
                    "training: the public compute node runs " + settings.rounds()
                            + " rounds over mTLS, recording each on chain, and completes the job",
                    () -> train(crypto, compute, jobId, dir));

            TrainingJob settled = phases.run("settlement: payouts and refund settled in chaincode", () -> {
                TrainingJob job = dataUser.jobs().job(jobId).orElseThrow();
                for (Payout payout : job.settlement().payouts()) {
                    phases.detail("%-13s %-12s %d FDC", payout.account(), payout.kind(), payout.amount());
                }
                return job;
            });

            Path provenance = result.modelFile().resolveSibling("final.provenance.json");
            AuditVerdict verdict = phases.run("audit: trails, passes, payouts, usage, lineage, tokens", () -> {
                AuditVerdict v = new DemoAudit(auditor).check(jobId, MINTED, result.modelFile(), provenance);
                for (AuditVerdict.Check check : v.checks()) {
                    phases.detail("%-8s %s  %s", check.name(), check.passed() ? "pass" : "FAIL", check.covered());
                    check.violations().forEach(violation -> phases.detail("  %s", violation));
                }
                return v;
            });

            DemoReport.Accuracy accuracy = phases.run(
                    "baseline: a centralized model on the pooled governed data, for comparison",
                    () -> accuracy(institutions, plan, result.finalModel()));

            Map<String, Long> balances = new TreeMap<>();
            List<String> accounts = new ArrayList<>(
                    institutions.stream().map(Institution::mspId).toList());
            accounts.add(DemoNetwork.DATA_USER_MSP);
            accounts.add(DemoNetwork.COMPUTE_MSP);
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

    private FdcConnection connect(Deque<AutoCloseable> resources, Devnet devnet, String identity) throws Exception {
        FdcConnection connection = connector.connect(devnet.profileFile(), identity);
        resources.push(connection);
        return connection;
    }

    private List<Institution> startInstitutions(
            CryptoMaterial crypto, List<FdcConnection> owners, Deque<AutoCloseable> resources, PhaseClock phases)
            throws Exception {
        Map<String, X509Certificate> authorities = new TreeMap<>();
        crypto.orgs().forEach(org -> authorities.put(org.mspId(), org.nodeTls().caCertificate()));
        List<Institution> institutions = new ArrayList<>();
        // Each center learns the others' organisation keys from the consortium's certificates (never from the
        // coordinator), by dataset id, as the institutions publish their datasets.
        Map<String, java.security.PublicKey> maskingDirectory = new java.util.concurrent.ConcurrentHashMap<>();
        MaskingPeers peers = () -> Map.copyOf(maskingDirectory);
        for (int i = 1; i <= settings.institutions(); i++) {
            String msp = DemoNetwork.providerMsp(i);
            TlsDirectory.TlsMaterial tls = crypto.org(msp).nodeTls();
            Institution institution = Institution.start(
                    msp,
                    settings.school(i),
                    settings.dataSeed(i),
                    settings.testSubjects(),
                    settings.runDirectory().resolve(DemoLayout.CENTERS).resolve("provider" + i),
                    new Institution.Tls(
                            new KeyPair(
                                    tls.identity().certificate().getPublicKey(),
                                    tls.identity().privateKey()),
                            tls.identity().certificate(),
                            authorities),
                    owners.get(i - 1),
                    peers,
                    clock,
                    random);
            maskingDirectory.put(
                    institution.ucl().id(), tls.identity().certificate().getPublicKey());
            resources.push(institution);
            institutions.add(institution);
            phases.detail(
                    "%s: %s, %d governed windows (%d train, %d test), root %s…, %s",
                    msp,
                    institution.ucl().id(),
                    institution.governedRecords(),
                    institution.dataset().train().size(),
                    institution.dataset().test().size(),
                    institution.ucl().merkleRoot().substring(0, 12),
                    institution.ucl().address());
        }
        return institutions;
    }

    private TrainingPlan plan(Institution any) {
        DatasetSchema schema = any.dataset().train().schema();
        int features = schema.featureNames().size();
        int classes = schema.outputCount();
        ModelSpec spec =
                switch (settings.model()) {
                    case MLP -> ModelSpec.mlp(features, settings.hidden(), classes);
                    case FM -> ModelSpec.fm(features, classes, 8);
                    case LOGISTIC -> ModelSpec.logistic(features, classes);
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
                settings.aggregation());
    }

    private JobResult train(CryptoMaterial crypto, FdcConnection compute, String jobId, Path dir) {
        TlsDirectory.TlsMaterial tls = crypto.org(DemoNetwork.COMPUTE_MSP).nodeTls();
        List<X509Certificate> authorities = new ArrayList<>();
        Map<String, X509Certificate> centers = new TreeMap<>();
        for (int i = 1; i <= settings.institutions(); i++) {
            TlsDirectory.TlsMaterial center =
                    crypto.org(DemoNetwork.providerMsp(i)).nodeTls();
            authorities.add(center.caCertificate());
            centers.put(DemoNetwork.providerMsp(i), center.identity().certificate());
        }
        try (TlsCenterDirectory directory = new TlsCenterDirectory(
                tls.identity().privateKey(), tls.identity().certificate(), authorities, centers)) {
            Coordinator coordinator = new Coordinator(
                    new ChainJobLedger(compute.jobs(), compute.registration()),
                    directory,
                    new ModelStore(dir.resolve(DemoLayout.MODELS)),
                    new CoordinatorIdentity(
                            DemoNetwork.COMPUTE_MSP,
                            new KeyPair(
                                    tls.identity().certificate().getPublicKey(),
                                    tls.identity().privateKey())),
                    new SimpleMeterRegistry(),
                    new TrainingProgress(out, progressBar));
            return coordinator.run(jobId);
        }
    }

    private DemoReport.Accuracy accuracy(List<Institution> institutions, TrainingPlan plan, ModelWeights federated) {
        LocalDataset train = LocalDataset.concat(
                institutions.stream().map(i -> i.dataset().train()).toList());
        LocalDataset test = LocalDataset.concat(
                institutions.stream().map(i -> i.dataset().test()).toList());
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
                loss == null ? "" : loss.toPlainString(),
                report.record().distance().toPlainString(),
                report.record().aggregateModelHash());
    }
}
