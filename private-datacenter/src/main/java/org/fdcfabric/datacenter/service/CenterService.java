package org.fdcfabric.datacenter.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.config.ConfigException;
import org.fdcfabric.client.config.InstanceLock;
import org.fdcfabric.client.config.PemFiles;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.datacenter.chain.CenterKeyRegistration;
import org.fdcfabric.datacenter.chain.ChainPassCheck;
import org.fdcfabric.datacenter.edge.EdgeServer;
import org.fdcfabric.datacenter.edge.TlsFiles;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.federation.CenterIdentity;
import org.fdcfabric.datacenter.federation.FederationServer;
import org.fdcfabric.datacenter.federation.FederationService;
import org.fdcfabric.datacenter.federation.TrustedOrganizations;
import org.fdcfabric.datacenter.federation.UsageSigner;
import org.fdcfabric.datacenter.governance.DatasetRecord;
import org.fdcfabric.datacenter.masking.MaskingPeers;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.TableManifest;
import org.fdcfabric.datacenter.ucl.DatasetManifest;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.metrics.HealthProbes;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsEndpoint;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * One institution's private data center as a long-running process: it locks its store, loads the configured
 * datasets and tables once (each held in memory for the life of the process, every job deriving its inputs from
 * them) and checks each against its UCL on chain (this organisation owns it, the stored rows are the registered
 * version: Merkle root and schema, the UCL carries this center's advertised address), then serves every
 * Federation call (plain and secure aggregation) over mutual TLS, checking each call's pass on chain and recording
 * usage through its own organisation's Gateway, plus edge ingest and the metrics and health endpoint. {@link
 * #drain()} (SIGTERM) stops taking calls and lets those in flight finish within the configured deadline.
 */
public final class CenterService implements AutoCloseable {
    static final String LOCK_FILE = "center.lock";

    private final CenterConfig config;
    private final InstanceLock lock;
    private final CenterStore store;
    private final FederationServer federation;
    private final ExecutorService calls;
    private final ExecutorService usageReports;
    private final Optional<EdgeServer> edge;
    private final Optional<MetricsEndpoint> endpoint;
    private final List<Ucl> served;
    private final AtomicBoolean ready;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CenterService(
            CenterConfig config,
            InstanceLock lock,
            CenterStore store,
            FederationServer federation,
            ExecutorService calls,
            ExecutorService usageReports,
            Optional<EdgeServer> edge,
            Optional<MetricsEndpoint> endpoint,
            List<Ucl> served,
            AtomicBoolean ready) {
        this.config = config;
        this.lock = lock;
        this.store = store;
        this.federation = federation;
        this.calls = calls;
        this.usageReports = usageReports;
        this.edge = edge;
        this.endpoint = endpoint;
        this.served = List.copyOf(served);
        this.ready = ready;
    }

    /**
     * Starts the center. {@code owner} is the institution's own Gateway connection (the config's identity); the
     * service uses it but does not close it.
     *
     * @throws StartRefused when the store is in use or a dataset cannot be served; nothing is left running
     */
    public static CenterService start(
            CenterConfig config, FdcConnection owner, PrometheusMeterRegistry meters, Clock clock, SecureRandom random)
            throws StartRefused {
        AtomicBoolean ready = new AtomicBoolean();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            InstanceLock lock;
            try {
                lock = InstanceLock.acquire(config.store().dataDir(), LOCK_FILE, "center", "store.dataDir");
            } catch (InstanceLock.Locked e) {
                throw new StartRefused(e.getMessage(), e);
            }
            opened.add(lock);
            CenterStore store = open(config, meters);
            opened.add(store);
            String mspId = owner.identity().mspId();
            List<Ucl> ucls = new ArrayList<>();
            List<CenterDataset> datasets = new ArrayList<>();
            for (CenterConfig.ServedDataset served : config.datasets()) {
                DatasetManifest manifest = manifest(store, served.datasetId());
                ucls.add(checkOnChain(
                        owner,
                        mspId,
                        new Stored(manifest.id(), manifest.merkleRoot(), manifest.schema(), "datasets"),
                        config));
                datasets.add(load(store, manifest, served));
            }
            for (CenterConfig.ServedTable served : config.tables()) {
                TableManifest table = table(store, served.datasetId());
                ucls.add(checkOnChain(
                        owner,
                        mspId,
                        new Stored(table.datasetId(), table.merkleRoot(), table.schema(), "tables"),
                        config));
                datasets.add(load(store, table, served));
            }
            X509Certificate certificate = certificate(config.tlsCertificate(), "tls.certificate");
            PrivateKey key = privateKey(config.tlsKey());
            Map<String, X509Certificate> trusted = new TreeMap<>();
            for (Map.Entry<String, Path> ca : config.trustedOrganizations().entrySet()) {
                trusted.put(ca.getKey(), certificate(ca.getValue(), "tls.trustedOrganizations." + ca.getKey()));
            }
            Map<String, PublicKey> peers = new TreeMap<>();
            for (Map.Entry<String, Path> peer : config.maskingPeers().entrySet()) {
                peers.put(
                        peer.getKey(),
                        certificate(peer.getValue(), "secureAggregation.peers." + peer.getKey())
                                .getPublicKey());
            }
            UsageSigner usageSigner;
            try {
                usageSigner = CenterKeyRegistration.register(owner.jobs(), owner.identity());
            } catch (IllegalStateException e) {
                throw new StartRefused(e.getMessage() + " (the identity of key 'gateway.identity')", e);
            }
            // usage is recorded on chain while the center trains: one thread, so the records of one dataset's
            // trail are submitted in order instead of conflicting with each other
            ExecutorService usageReports = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "fdc-center-usage");
                thread.setDaemon(true);
                return thread;
            });
            opened.add(usageReports::shutdownNow);
            FederationService service = new FederationService(
                    mspId,
                    new KeyPair(certificate.getPublicKey(), key),
                    datasets,
                    new ChainPassCheck(owner.jobs(), owner.audit()),
                    Trainers::forFamily,
                    random,
                    usageSigner,
                    peers.isEmpty() ? MaskingPeers.NONE : MaskingPeers.of(peers),
                    usageReports);
            ExecutorService calls = callExecutor(config.limits().concurrentCalls());
            opened.add(calls::shutdownNow);
            FederationServer federation;
            try {
                federation = FederationServer.start(
                        config.listen(),
                        new CenterIdentity(mspId, key, certificate),
                        new TrustedOrganizations(trusted),
                        service,
                        clock,
                        meters,
                        config.limits().maxMessageBytes(),
                        calls);
            } catch (IOException e) {
                throw new StartRefused(
                        "cannot listen on " + hostPort(config.listen()) + " (key 'listen'): " + e.getMessage(), e);
            }
            opened.add(federation);
            Optional<EdgeServer> edge = Optional.empty();
            if (config.edge().isPresent()) {
                CenterConfig.Edge e = config.edge().get();
                try {
                    edge = Optional.of(EdgeServer.start(
                            e.listen().getPort(),
                            new TlsFiles(e.certificate(), e.key(), e.deviceCa()),
                            store.readings(),
                            meters));
                } catch (RuntimeException ex) {
                    throw new StartRefused("cannot serve edge ingest (key 'edge'): " + ex.getMessage(), ex);
                }
                opened.add(edge.get());
            }
            Optional<MetricsEndpoint> endpoint = Optional.empty();
            if (config.health().isPresent()) {
                InetSocketAddress at = config.health().get();
                try {
                    endpoint = Optional.of(MetricsEndpoint.start(
                            new MetricsBinding(at.getHostString(), at.getPort()),
                            meters,
                            new HealthProbes(() -> true, ready::get)));
                } catch (IOException | IllegalArgumentException ex) {
                    throw new StartRefused(
                            "cannot serve health and metrics on " + hostPort(at) + " (key 'health.listen'): "
                                    + ex.getMessage(),
                            ex);
                }
            }
            CenterService center = new CenterService(
                    config, lock, store, federation, calls, usageReports, edge, endpoint, ucls, ready);
            ready.set(true);
            return center;
        } catch (StartRefused | RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static CenterStore open(CenterConfig config, PrometheusMeterRegistry meters) throws StartRefused {
        try {
            return CenterStore.open(config.store(), config.keystorePassword(), meters);
        } catch (RuntimeException e) {
            throw new StartRefused("cannot open the store " + config.store() + ": " + e.getMessage(), e);
        }
    }

    private static DatasetManifest manifest(CenterStore store, String datasetId) throws StartRefused {
        String manifest = store.datasets()
                .manifest(datasetId)
                .orElseThrow(() -> new StartRefused("dataset " + datasetId + " (key 'datasets') is not in this center's"
                        + " store; "
                        + (store.tables().manifest(datasetId).isPresent()
                                ? "it is an imported table: list it under key 'tables'"
                                : "govern and publish it with 'fdc dataset publish' first")));
        return CanonicalJson.read(manifest, DatasetManifest.class);
    }

    private static TableManifest table(CenterStore store, String datasetId) throws StartRefused {
        return store.tables()
                .manifest(datasetId)
                .orElseThrow(() -> new StartRefused("table " + datasetId + " (key 'tables') is not in this center's"
                        + " store; "
                        + (store.datasets().manifest(datasetId).isPresent()
                                ? "it is a governed dataset: list it under key 'datasets'"
                                : "import it with 'fdc dataset import-table' and publish it with 'fdc dataset"
                                        + " publish' first")));
    }

    /** What the store holds of a served dataset, and the config key that names it. */
    private record Stored(String id, String merkleRoot, UclSchema schema, String key) {}

    /**
     * The dataset must be this organisation's, registered as stored (Merkle root and schema), at the address this
     * center advertises.
     */
    private static Ucl checkOnChain(FdcConnection owner, String mspId, Stored stored, CenterConfig config)
            throws StartRefused {
        String id = stored.id();
        String named = "dataset " + id + " (key '" + stored.key() + "')";
        Ucl ucl;
        try {
            ucl = owner.registration()
                    .dataset(id)
                    .orElseThrow(() -> new StartRefused(
                            named + " is not registered on chain; publish it with 'fdc dataset publish'"));
        } catch (FdcClientException e) {
            throw new StartRefused("cannot read the UCL of " + named + " through the Gateway: " + e.getMessage(), e);
        }
        if (!ucl.ownerMsp().equals(mspId)) {
            throw new StartRefused(named + " is owned by " + ucl.ownerMsp() + " on chain, not by " + mspId
                    + " (the identity of key 'gateway.identity'): a center serves only its own datasets");
        }
        if (!ucl.merkleRoot().equals(stored.merkleRoot())) {
            throw new StartRefused(named + " in the store has Merkle root " + stored.merkleRoot()
                    + " but its UCL on chain has " + ucl.merkleRoot() + "; publish the stored version again");
        }
        if (!ucl.schema().hash().equals(stored.schema().hash())) {
            throw new StartRefused(
                    named + " in the store has schema " + stored.schema().hash() + " but its UCL on chain has "
                            + ucl.schema().hash() + "; publish the stored version again");
        }
        if (!ucl.address().equals(config.advertisedAddress().toString())) {
            throw new StartRefused(named + "'s UCL carries address " + ucl.address()
                    + " but key 'advertisedAddress' is " + config.advertisedAddress()
                    + "; publish it again with --address " + config.advertisedAddress());
        }
        return ucl;
    }

    private static CenterDataset load(CenterStore store, TableManifest table, CenterConfig.ServedTable served)
            throws StartRefused {
        try {
            return TableSplit.byRowContent(store.tables(), table, served.testPercent());
        } catch (IllegalArgumentException e) {
            throw new StartRefused(e.getMessage() + " (key 'tables', testPercent)", e);
        } catch (RuntimeException e) {
            throw new StartRefused("cannot load table " + table.datasetId() + " (key 'tables'): " + e.getMessage(), e);
        }
    }

    private static CenterDataset load(CenterStore store, DatasetManifest manifest, CenterConfig.ServedDataset served)
            throws StartRefused {
        List<DatasetRecord> records = store.datasets().records(manifest.id()).stream()
                .map(DatasetRecord::fromCanonical)
                .toList();
        try {
            return DatasetSplit.lastSubjects(manifest.id(), manifest.schema(), records, served.testSubjects());
        } catch (IllegalArgumentException e) {
            throw new StartRefused(e.getMessage() + " (key 'datasets', testSubjects)", e);
        }
    }

    private static X509Certificate certificate(Path file, String key) throws StartRefused {
        try {
            return PemFiles.certificate(file, key);
        } catch (ConfigException e) {
            throw new StartRefused(e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws StartRefused {
        try {
            return PemFiles.privateKey(file, "tls.key");
        } catch (ConfigException e) {
            throw new StartRefused(e.getMessage(), e);
        }
    }

    private static ExecutorService callExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "fdc-center-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** The UCLs this center serves, as registered on chain. */
    public List<Ucl> served() {
        return served;
    }

    public int federationPort() {
        return federation.port();
    }

    public Optional<Integer> edgePort() {
        return edge.map(EdgeServer::port);
    }

    /** The metrics endpoint; {@code /healthz} and {@code /readyz} are beside it. */
    public Optional<MetricsEndpoint> endpoint() {
        return endpoint;
    }

    public boolean ready() {
        return ready.get();
    }

    public CenterConfig config() {
        return config;
    }

    /**
     * Stops taking calls (readiness goes false first, so a balancer stops sending), waits for those in flight up to
     * the configured drain deadline, then closes everything.
     *
     * @return whether every call in flight finished in time
     */
    public boolean drain() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return true;
        }
        ready.set(false);
        boolean drained;
        try {
            drained = federation.close(config.limits().drain());
        } finally {
            calls.shutdownNow();
            calls.awaitTermination(5, TimeUnit.SECONDS);
            // a drained call has joined its usage record; only a call cut off by the deadline may leave one
            usageReports.shutdown();
            usageReports.awaitTermination(5, TimeUnit.SECONDS);
            edge.ifPresent(EdgeServer::close);
            endpoint.ifPresent(MetricsEndpoint::close);
            store.close();
            lock.close();
        }
        return drained;
    }

    @Override
    public void close() {
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
