package org.fdcfabric.cli.demo;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.datacenter.chain.ChainPassCheck;
import org.fdcfabric.datacenter.chain.ChainUclRegistry;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.federation.CenterIdentity;
import org.fdcfabric.datacenter.federation.FederationServer;
import org.fdcfabric.datacenter.federation.FederationService;
import org.fdcfabric.datacenter.federation.TrustedOrganizations;
import org.fdcfabric.datacenter.governance.DatasetRecord;
import org.fdcfabric.datacenter.governance.GovernanceMetrics;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.governance.Pseudonymizer;
import org.fdcfabric.datacenter.governance.ReadingCleaner;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.masking.MaskingPeers;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.SimulatedSchool;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.datacenter.store.imports.ActivityLogs;
import org.fdcfabric.datacenter.store.imports.SimulatorImport;
import org.fdcfabric.datacenter.store.imports.StoredStreams;
import org.fdcfabric.datacenter.ucl.DatasetPublisher;
import org.fdcfabric.datacenter.ucl.Publication;
import org.fdcfabric.datacenter.ucl.UclGenerator;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * One institution's private data center in the demo: its store with one simulated school's readings, the
 * governed dataset, its UCL registered on chain by the institution's own identity, and its Federation server
 * over mutual TLS with the organisation's devnet-issued TLS certificate. Raw readings stay in its store.
 */
final class Institution implements AutoCloseable {
    static final String PROFILE = "Wrist acceleration: 60 one-second means x 3 axes = 180 features; activity labels "
            + "from teachers' logs (eating, sleeping, indoor, outdoor)";

    private final String mspId;
    private final Ucl ucl;
    private final CenterDataset dataset;
    private final long governedRecords;
    private final FederationServer server;
    private final CenterStore store;

    private Institution(
            String mspId,
            Ucl ucl,
            CenterDataset dataset,
            long governedRecords,
            FederationServer server,
            CenterStore store) {
        this.mspId = mspId;
        this.ucl = ucl;
        this.dataset = dataset;
        this.governedRecords = governedRecords;
        this.server = server;
        this.store = store;
    }

    /** The TLS identity the center serves with and the organisations' TLS CAs it trusts to name its callers. */
    record Tls(KeyPair keys, X509Certificate certificate, Map<String, X509Certificate> trustedAuthorities) {}

    /**
     * Simulates the school's devices into the center's store, governs the stream into a dataset, starts the
     * Federation server, then publishes the dataset's UCL (its address is the server's) on chain.
     *
     * @param peers the other institutions' organisation keys for secure aggregation
     */
    static Institution start(
            String mspId,
            SchoolProfile school,
            long seed,
            int testSubjects,
            Path directory,
            Tls tls,
            FdcConnection owner,
            MaskingPeers peers,
            Clock clock,
            SecureRandom random,
            MeterRegistry meters)
            throws IOException {
        char[] password = HexFormat.of().formatHex(random.generateSeed(16)).toCharArray();
        CenterStore store = CenterStore.open(StoreConfig.embedded(directory), password, meters);
        FederationServer server = null;
        try {
            Governed governed = govern(store, school, seed, testSubjects);
            new GovernanceMetrics(meters).record(governed.governed().report());
            CenterDataset dataset = governed.dataset();
            FederationService service = new FederationService(
                    mspId,
                    tls.keys(),
                    List.of(dataset),
                    new ChainPassCheck(owner.jobs(), owner.passes(), owner.audit()),
                    Trainers::forFamily,
                    random,
                    peers);
            server = FederationServer.start(
                    0,
                    new CenterIdentity(mspId, tls.keys().getPrivate(), tls.certificate()),
                    new TrustedOrganizations(tls.trustedAuthorities()),
                    service,
                    clock,
                    meters);
            Ucl ucl = new DatasetPublisher(
                            store.datasets(), new ChainUclRegistry(owner.registration()), new UclGenerator())
                    .publish(
                            governed.governed(),
                            new Publication(
                                    "Wearables of " + school.schoolId(),
                                    PROFILE,
                                    "grpcs://localhost:" + server.port(),
                                    new Terms(1)));
            return new Institution(
                    mspId, ucl, dataset, governed.governed().records().size(), server, store);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            store.close();
            throw e;
        }
    }

    /** A governed dataset and its train and test splits. */
    record Governed(GovernedDataset governed, CenterDataset dataset) {}

    /**
     * Simulates the school's devices into {@code store}, then governs the stream (cleaning, pseudonymization with
     * the store's key, windowing, standardization) into the dataset the center offers.
     */
    static Governed govern(CenterStore store, SchoolProfile school, long seed, int testSubjects) {
        SimulatedSchool simulated = new WearableSimulator(seed).simulate(school);
        String stream = school.schoolId() + "-wrist";
        new SimulatorImport(store.readings(), new ActivityLogs(store.readings())).importSchool(stream, simulated);
        Pseudonymizer pseudonymizer = new Pseudonymizer(store.keys().pseudonymKey());
        GovernancePipeline pipeline = new GovernancePipeline(new ReadingCleaner(), pseudonymizer, Windower.fdc());
        GovernedDataset governed = pipeline.govern(
                school.schoolId() + "-wearables",
                new StoredStreams(store.readings()).governanceInputs(List.of(stream)));
        List<String> children = simulated.subjectIds();
        if (children.size() <= testSubjects) {
            throw new IllegalArgumentException("school " + school.schoolId() + " has " + children.size()
                    + " children; at least " + (testSubjects + 1) + " are needed");
        }
        Set<String> test = new TreeSet<>();
        children.subList(children.size() - testSubjects, children.size())
                .forEach(child -> test.add(pseudonymizer.pseudonym(child)));
        return new Governed(governed, split(governed, test));
    }

    /**
     * The center's own held-out children (the last ones enrolled, as in FDC's case study) form the test split, so
     * a run is reproducible whatever the pseudonym key; nobody is in both splits.
     */
    private static CenterDataset split(GovernedDataset governed, Set<String> test) {
        DatasetSchema schema = DatasetSchema.fromUcl(governed.schema());
        List<float[]> trainRows = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        List<float[]> testRows = new ArrayList<>();
        List<Integer> testLabels = new ArrayList<>();
        for (DatasetRecord record : governed.records()) {
            float[] row = new float[record.features().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = record.features().get(i).floatValue();
            }
            int label = schema.classes().indexOf(record.label());
            if (test.contains(record.subject())) {
                testRows.add(row);
                testLabels.add(label);
            } else {
                trainRows.add(row);
                trainLabels.add(label);
            }
        }
        if (testRows.isEmpty() || trainRows.isEmpty()) {
            throw new IllegalArgumentException("dataset " + governed.id() + " has " + trainRows.size()
                    + " training and " + testRows.size() + " test windows; both splits need some");
        }
        return new CenterDataset(
                governed.id(),
                LocalDataset.classification(schema, trainRows, trainLabels),
                LocalDataset.classification(schema, testRows, testLabels));
    }

    String mspId() {
        return mspId;
    }

    Ucl ucl() {
        return ucl;
    }

    CenterDataset dataset() {
        return dataset;
    }

    long governedRecords() {
        return governedRecords;
    }

    @Override
    public void close() {
        closeQuietly(server);
        store.close();
    }

    private static void closeQuietly(FederationServer server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
