package org.fdcfabric.compute.service;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.config.ConfigException;
import org.fdcfabric.client.config.InstanceLock;
import org.fdcfabric.client.config.PemFiles;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.events.EventSubscription;
import org.fdcfabric.client.events.LedgerEvent;
import org.fdcfabric.compute.chain.ChainJobLedger;
import org.fdcfabric.compute.coordinator.Coordinator;
import org.fdcfabric.compute.coordinator.CoordinatorIdentity;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.coordinator.TlsCenterDirectory;
import org.fdcfabric.learning.crypto.TlsMaterial;
import org.fdcfabric.metrics.HealthProbes;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsEndpoint;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.job.JobPage;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.TrainingJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public compute node as a long-running process. Its jobs are those whose offer names its organisation; the
 * chain drives them:
 *
 * <ul>
 *   <li>an OPEN job becomes startable when every dataset of the offer has accepted; the node then submits
 *       {@code job:StartJob} (OPEN -> RUNNING);
 *   <li>a RUNNING job is trained by a {@link Coordinator}, which resumes after the last round recorded on chain
 *       (its model is in the node's {@link ModelStore}) and ends with {@code job:CompleteJob} (RUNNING ->
 *       COMPLETED);
 *   <li>a job runs at most once at a time, at most {@code jobs.concurrent} jobs run together, and a job that fails
 *       (a round below quorum, a center misconfigured) is retried at the next rescan, up to {@code
 *       jobs.maxAttempts} times, without stopping the others; a job whose attempts are used up is settled by
 *       {@code job:FailJob} (RUNNING -> FAILED, the payer gets the escrow back).
 * </ul>
 *
 * It learns of changes from the collaboration chaincode's events, checkpointed in its data directory so a restart
 * misses nothing, and also rescans its jobs at start-up and every {@code jobs.rescanSeconds} (which covers a job
 * that was running when the node was killed: its JobStarted event was delivered before the crash). It hands final
 * models to their payers ({@link ModelDeliveryService}) and serves {@code /metrics}, {@code /healthz} and {@code
 * /readyz}.
 */
public final class ComputeService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeService.class);
    static final String LOCK_FILE = "compute.lock";
    private static final int PAGE = 100;

    private final ComputeConfig config;
    private final FdcConnection compute;
    private final String mspId;
    private final PrometheusMeterRegistry meters;
    private final RoundListener listener;
    private final Predicate<TrainingJob> jobFilter;
    private final ModelStore store;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final List<X509Certificate> centerAuthorities;
    private final Map<String, X509Certificate> centerCertificates;
    private final ExecutorService runners;
    private final ScheduledExecutorService scheduler;
    private final Map<String, CompletableFuture<JobResult>> results = new ConcurrentHashMap<>();
    private final Map<String, Boolean> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Counter completed;
    private final Counter failed;
    private InstanceLock lock;
    private Server models;
    private EventSubscription events;
    private MetricsEndpoint endpoint;

    private ComputeService(
            ComputeConfig config,
            FdcConnection compute,
            PrometheusMeterRegistry meters,
            RoundListener listener,
            PrivateKey key,
            X509Certificate certificate,
            List<X509Certificate> centerAuthorities,
            Map<String, X509Certificate> centerCertificates,
            Predicate<TrainingJob> jobs) {
        this.config = config;
        this.jobFilter = jobs;
        this.compute = compute;
        this.mspId = compute.identity().mspId();
        this.meters = meters;
        this.listener = listener;
        this.store = new ModelStore(config.modelDirectory());
        this.key = key;
        this.certificate = certificate;
        this.centerAuthorities = List.copyOf(centerAuthorities);
        this.centerCertificates = Map.copyOf(centerCertificates);
        AtomicInteger threads = new AtomicInteger();
        this.runners = Executors.newFixedThreadPool(config.jobs().concurrent(), task -> {
            Thread thread = new Thread(task, "fdc-job-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "fdc-compute-scan");
            thread.setDaemon(true);
            return thread;
        });
        this.completed = Counter.builder("fdc.compute.jobs.completed")
                .description("Jobs this node trained to completion")
                .register(meters);
        this.failed = Counter.builder("fdc.compute.jobs.failed")
                .description("Job runs that ended in an error (retried at the next rescan)")
                .register(meters);
        Gauge.builder("fdc.compute.jobs.running", active, Map::size)
                .description("Jobs training now")
                .register(meters);
    }

    /**
     * Starts the node: locks its data directory, serves model hand-out and health, rescans its jobs, then follows
     * the collaboration events. {@code compute} is the compute organisation's connection; the service uses it but
     * does not close it.
     *
     * @throws ConfigException when the configuration's material cannot be used or a port is taken
     * @throws InstanceLock.Locked when another node uses the data directory
     */
    public static ComputeService start(
            ComputeConfig config, FdcConnection compute, PrometheusMeterRegistry meters, RoundListener listener)
            throws ConfigException, InstanceLock.Locked {
        return start(config, compute, meters, listener, job -> true);
    }

    /**
     * As {@link #start(ComputeConfig, FdcConnection, PrometheusMeterRegistry, RoundListener)}, taking only the jobs
     * {@code jobs} accepts (the demo runs its own job on a network that may hold others).
     */
    public static ComputeService start(
            ComputeConfig config,
            FdcConnection compute,
            PrometheusMeterRegistry meters,
            RoundListener listener,
            Predicate<TrainingJob> jobs)
            throws ConfigException, InstanceLock.Locked {
        PrivateKey key = PemFiles.privateKey(config.tlsKey(), "tls.key");
        X509Certificate certificate = PemFiles.certificate(config.tlsCertificate(), "tls.certificate");
        List<X509Certificate> authorities = new ArrayList<>();
        for (Map.Entry<String, java.nio.file.Path> ca :
                config.centerAuthorities().entrySet()) {
            authorities.add(PemFiles.certificate(ca.getValue(), "tls.centerAuthorities." + ca.getKey()));
        }
        Map<String, X509Certificate> centers = new TreeMap<>();
        for (Map.Entry<String, java.nio.file.Path> center :
                config.centerCertificates().entrySet()) {
            centers.put(
                    center.getKey(),
                    PemFiles.certificate(center.getValue(), "tls.centerCertificates." + center.getKey()));
        }
        Map<String, X509Certificate> payers = new TreeMap<>();
        if (config.models().isPresent()) {
            for (Map.Entry<String, java.nio.file.Path> payer :
                    config.models().get().payerAuthorities().entrySet()) {
                payers.put(
                        payer.getKey(),
                        PemFiles.certificate(payer.getValue(), "models.payerAuthorities." + payer.getKey()));
            }
        }
        ComputeService service =
                new ComputeService(config, compute, meters, listener, key, certificate, authorities, centers, jobs);
        try {
            service.lock = InstanceLock.acquire(config.dataDir(), LOCK_FILE, "compute node", "dataDir");
            if (config.models().isPresent()) {
                service.models = service.serveModels(config.models().get().listen(), payers);
            }
            if (config.health().isPresent()) {
                InetSocketAddress at = config.health().get();
                try {
                    service.endpoint = MetricsEndpoint.start(
                            new MetricsBinding(at.getHostString(), at.getPort()),
                            meters,
                            new HealthProbes(() -> !service.closed.get(), service.ready::get));
                } catch (IOException | IllegalArgumentException e) {
                    throw new ConfigException(
                            "health.listen", "cannot serve health and metrics on " + at + ": " + e.getMessage());
                }
            }
            service.scanNow();
            service.events = compute.collaborationEvents().subscribe(config.checkpointFile(), 0, service::onEvent);
            long rescan = config.jobs().rescan().toMillis();
            service.scheduler.scheduleWithFixedDelay(service::scanNow, rescan, rescan, TimeUnit.MILLISECONDS);
            service.ready.set(true);
            return service;
        } catch (ConfigException | InstanceLock.Locked | RuntimeException e) {
            service.close();
            throw e;
        } catch (IOException e) {
            service.close();
            throw new ConfigException(
                    "dataDir", "cannot use the event checkpoint " + config.checkpointFile() + ": " + e.getMessage());
        }
    }

    private Server serveModels(InetSocketAddress at, Map<String, X509Certificate> payers) throws ConfigException {
        try {
            TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder()
                    .keyManager(TlsMaterial.keyManagers(key, certificate))
                    .trustManager(TlsMaterial.trustManagers(payers.values().toArray(X509Certificate[]::new)))
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            return NettyServerBuilder.forAddress(
                            new InetSocketAddress(at.getHostString(), at.getPort()), credentials.build())
                    .addService(ServerInterceptors.intercept(
                            new ModelDeliveryService(compute.jobs(), store, payers),
                            new ModelDeliveryService.CallerCertificate()))
                    .build()
                    .start();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("tls", "cannot use the node's TLS identity: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(
                    "models.listen",
                    "cannot listen on " + at.getHostString() + ":" + at.getPort() + ": " + e.getMessage());
        }
    }

    /** A job event: look at the job again (events are hints; the job's state on chain decides). */
    private void onEvent(LedgerEvent event) {
        switch (event.name()) {
            case "JobCreated", "JobAccepted", "JobStarted" -> consider(event.payloadAs(TrainingJob.class));
            default -> {
                // other contracts' events and settled jobs need nothing from this node
            }
        }
    }

    /** Looks at every job of this organisation; never throws (it runs on the scheduler). */
    private void scanNow() {
        try {
            String bookmark = "";
            do {
                JobPage page = compute.jobs().jobs(PAGE, bookmark);
                page.jobs().forEach(this::consider);
                bookmark = page.bookmark();
            } while (!bookmark.isEmpty());
        } catch (FdcClientException | RuntimeException e) {
            LOG.warn("cannot scan the jobs on chain: {}", e.toString());
        }
    }

    private void consider(TrainingJob job) {
        if (closed.get()
                || !job.offer().computeMsp().equals(mspId)
                || job.status().settled()) {
            return;
        }
        if (job.status() == JobStatus.OPEN && startable(job)) {
            try {
                compute.jobs().start(job.jobId());
                LOG.info("job {}: every dataset accepted; started", job.jobId());
            } catch (ChaincodeRejected e) {
                // another scan or event started it, or it can no longer start (deadline, pass): the chain says why
                LOG.info("job {}: not started: {}", job.jobId(), e.getMessage());
                if (!ErrorCode.JOB_NOT_OPEN.is(e.code())) {
                    return;
                }
            } catch (FdcClientException e) {
                LOG.warn("job {}: cannot start it now: {}", job.jobId(), e.toString());
                return;
            }
            run(job.jobId());
        } else if (job.status() == JobStatus.RUNNING) {
            run(job.jobId());
        }
    }

    /** Every dataset of the offer has accepted: the data user's whole offer is in place. */
    static boolean startable(TrainingJob job) {
        List<String> accepted =
                job.participants().stream().map(Participant::datasetId).sorted().toList();
        return accepted.equals(job.offer().datasetIds().stream().sorted().toList());
    }

    /** Queues the job unless it is running or has used up its attempts. */
    private void run(String jobId) {
        AtomicInteger tries = attempts.computeIfAbsent(jobId, id -> new AtomicInteger());
        if (tries.get() >= config.jobs().maxAttempts() || active.putIfAbsent(jobId, Boolean.TRUE) != null) {
            return;
        }
        CompletableFuture<JobResult> result = results.computeIfAbsent(jobId, id -> new CompletableFuture<>());
        tries.incrementAndGet();
        runners.submit(() -> {
            try {
                Optional<TrainingJob> now = compute.jobs().job(jobId);
                if (now.isEmpty() || now.get().status() != JobStatus.RUNNING) {
                    // an event replayed after its job moved on: nothing to run
                    active.remove(jobId);
                    return;
                }
            } catch (FdcClientException e) {
                LOG.warn("job {}: cannot read it now: {}", jobId, e.toString());
                tries.decrementAndGet();
                active.remove(jobId);
                return;
            }
            try (TlsCenterDirectory directory =
                    new TlsCenterDirectory(key, certificate, centerAuthorities, centerCertificates)) {
                Coordinator coordinator = new Coordinator(
                        new ChainJobLedger(compute.jobs(), compute.registration()),
                        directory,
                        store,
                        new CoordinatorIdentity(mspId, new KeyPair(certificate.getPublicKey(), key)),
                        meters,
                        listener);
                JobResult done = coordinator.run(jobId);
                completed.increment();
                LOG.info("job {}: completed after {} rounds", jobId, done.totalRounds());
                result.complete(done);
            } catch (RuntimeException e) {
                failed.increment();
                LOG.warn(
                        "job {}: attempt {} of {} failed: {}",
                        jobId,
                        tries.get(),
                        config.jobs().maxAttempts(),
                        e.toString());
                if (tries.get() >= config.jobs().maxAttempts()) {
                    giveUp(jobId, e);
                    result.completeExceptionally(e);
                }
            } finally {
                active.remove(jobId);
            }
        });
    }

    /**
     * The job has used up its attempts: {@code job:FailJob} settles it as FAILED (the payer gets the escrow back)
     * instead of leaving it RUNNING forever. If that submission fails too, the job stays RUNNING and the payer can
     * still cancel it.
     */
    private void giveUp(String jobId, RuntimeException last) {
        String reason = FailureReason.of(config.jobs().maxAttempts(), last);
        try {
            compute.jobs().fail(jobId, reason);
            LOG.warn(
                    "job {}: failed on chain after {} attempts: {}",
                    jobId,
                    config.jobs().maxAttempts(),
                    reason);
        } catch (FdcClientException e) {
            LOG.warn("job {}: could not record its failure: {}", jobId, e.toString());
        }
    }

    /** Completes when this node finishes {@code jobId} (or gives up on it); for the demo and tests. */
    public CompletableFuture<JobResult> completion(String jobId) {
        return results.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    /** The model hand-out port, if the node hands out models. */
    public Optional<Integer> modelsPort() {
        return Optional.ofNullable(models).map(Server::getPort);
    }

    public Optional<MetricsEndpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public ModelStore store() {
        return store;
    }

    /**
     * Stops following events and taking jobs; running jobs are abandoned where they are (a round not yet recorded
     * is run again after a restart, so nothing is recorded twice).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        if (events != null) {
            events.close();
        }
        scheduler.shutdownNow();
        runners.shutdownNow();
        try {
            runners.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (models != null) {
            models.shutdownNow();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (lock != null) {
            lock.close();
        }
    }
}
