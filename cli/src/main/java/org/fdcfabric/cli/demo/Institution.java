package org.fdcfabric.cli.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.datacenter.chain.ChainUclRegistry;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.governance.GovernanceMetrics;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.governance.Pseudonymizer;
import org.fdcfabric.datacenter.governance.ReadingCleaner;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.service.CenterConfig;
import org.fdcfabric.datacenter.service.CenterService;
import org.fdcfabric.datacenter.service.DatasetSplit;
import org.fdcfabric.datacenter.service.StartRefused;
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
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * One institution's private data center in the demo, set up as an operator sets one up and then run by the same
 * {@link CenterService} that {@code fdc center serve} runs: simulated wearables go into its store, are governed into
 * a dataset whose UCL the institution's own identity registers on chain ({@link #prepare}), then the center serves
 * that dataset from its store over mutual TLS with the organisation's TLS certificate ({@link #serve}). Raw
 * readings stay in its store.
 */
final class Institution implements AutoCloseable {
    static final String PROFILE = "Wrist acceleration: 60 one-second means x 3 axes = 180 features; activity labels "
            + "from teachers' logs (eating, sleeping, indoor, outdoor)";

    private final Prepared prepared;
    private final CenterService service;

    private Institution(Prepared prepared, CenterService service) {
        this.prepared = prepared;
        this.service = service;
    }

    /**
     * A published institution not yet serving: its store (closed), the UCL it registered with the address it will
     * serve at, and the split of its dataset the center will serve.
     */
    record Prepared(
            String mspId,
            Ucl ucl,
            CenterDataset dataset,
            long governedRecords,
            int testSubjects,
            int port,
            StoreConfig store,
            char[] keystorePassword) {}

    /** The files of the center's TLS identity and the TLS CAs of the organisations it trusts to call it. */
    record TlsFiles(Path certificate, Path key, Map<String, Path> trustedOrganizations) {}

    /**
     * Simulates the school's devices into a new store in {@code directory}, governs the stream into a dataset and
     * publishes its UCL on chain with the address the center will serve at (a free port of this machine).
     */
    static Prepared prepare(
            String mspId,
            SchoolProfile school,
            long seed,
            int testSubjects,
            Path directory,
            FdcConnection owner,
            SecureRandom random,
            MeterRegistry meters)
            throws IOException {
        char[] password = HexFormat.of().formatHex(random.generateSeed(16)).toCharArray();
        StoreConfig storeConfig = StoreConfig.embedded(directory);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (CenterStore store = CenterStore.open(storeConfig, password, meters)) {
            Governed governed = govern(store, school, seed, testSubjects);
            new GovernanceMetrics(meters).record(governed.governed().report());
            Ucl ucl = new DatasetPublisher(
                            store.datasets(), new ChainUclRegistry(owner.registration()), new UclGenerator())
                    .publish(
                            governed.governed(),
                            new Publication(
                                    "Wearables of " + school.schoolId(),
                                    PROFILE,
                                    "grpcs://localhost:" + port,
                                    new Terms(1)));
            return new Prepared(
                    mspId,
                    ucl,
                    governed.dataset(),
                    governed.governed().records().size(),
                    testSubjects,
                    port,
                    storeConfig,
                    password);
        }
    }

    /**
     * Starts the center's service on its published dataset, as {@code fdc center serve} would with this config.
     *
     * @param peers the other institutions' center certificates by dataset id, for secure aggregation
     */
    static Institution serve(
            Prepared prepared,
            Path profile,
            String identity,
            TlsFiles tls,
            Map<String, Path> peers,
            FdcConnection owner,
            PrometheusMeterRegistry meters,
            Clock clock,
            SecureRandom random)
            throws StartRefused {
        CenterConfig config = new CenterConfig(
                profile,
                identity,
                prepared.store(),
                prepared.keystorePassword(),
                tls.certificate(),
                tls.key(),
                tls.trustedOrganizations(),
                new InetSocketAddress("0.0.0.0", prepared.port()),
                URI.create(prepared.ucl().address()),
                List.of(new CenterConfig.ServedDataset(prepared.ucl().id(), prepared.testSubjects())),
                List.of(),
                peers,
                Optional.empty(),
                Optional.empty(),
                new CenterConfig.Limits(
                        CenterConfig.Limits.DEFAULT.maxMessageBytes(),
                        CenterConfig.Limits.DEFAULT.concurrentCalls(),
                        Duration.ofSeconds(5)));
        return new Institution(prepared, CenterService.start(config, owner, meters, clock, random));
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
        return new Governed(
                governed,
                DatasetSplit.lastSubjects(governed.id(), governed.schema(), governed.records(), testSubjects));
    }

    String mspId() {
        return prepared.mspId();
    }

    Ucl ucl() {
        return prepared.ucl();
    }

    CenterDataset dataset() {
        return prepared.dataset();
    }

    long governedRecords() {
        return prepared.governedRecords();
    }

    @Override
    public void close() {
        service.close();
    }
}
