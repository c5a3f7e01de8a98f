package org.fdcfabric.compute.service;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.client.config.ConfigException;
import org.fdcfabric.client.config.ConfigTree;

/**
 * Everything {@code fdc compute serve} needs, from one YAML file (see {@code network-config/compute.yaml}): the
 * compute organisation's Gateway identity, its data directory (model store, event checkpoint, instance lock), its
 * TLS identity towards the centers (the centers' TLS CAs, and each center organisation's certificate, whose key
 * seals updates), how many jobs run at once, the model hand-out endpoint and the health endpoint.
 *
 * @param centerAuthorities MSP id to the TLS CA that issues that organisation's center certificates
 * @param centerCertificates MSP id to the certificate its center presents (pinned: its key agrees the job keys)
 */
public record ComputeConfig(
        Path profile,
        String identity,
        Path dataDir,
        Path tlsCertificate,
        Path tlsKey,
        Map<String, Path> centerAuthorities,
        Map<String, Path> centerCertificates,
        Jobs jobs,
        Optional<Models> models,
        Optional<InetSocketAddress> health) {

    public ComputeConfig {
        centerAuthorities = Map.copyOf(centerAuthorities);
        centerCertificates = Map.copyOf(centerCertificates);
    }

    /**
     * The model hand-out endpoint; without it the node trains but hands out no models.
     *
     * @param payerAuthorities MSP id to the CA that issues that organisation's enrollment certificates (data users
     *     fetch their models with them)
     */
    public record Models(InetSocketAddress listen, Map<String, Path> payerAuthorities) {
        public Models {
            payerAuthorities = Map.copyOf(payerAuthorities);
        }
    }

    /**
     * @param concurrent how many jobs train at once; more wait their turn
     * @param rescan how often every job of this organisation is looked at again (a job that failed is retried then)
     * @param maxAttempts how many times a job is run before the node gives up on it until restarted
     */
    public record Jobs(int concurrent, Duration rescan, int maxAttempts) {
        public static final Jobs DEFAULT = new Jobs(2, Duration.ofSeconds(30), 5);
    }

    public Path modelDirectory() {
        return dataDir.resolve("models");
    }

    public Path checkpointFile() {
        return dataDir.resolve("collaboration-events.checkpoint");
    }

    public static ComputeConfig read(Path file) throws ConfigException {
        ConfigTree root = ConfigTree.read(file).only("gateway", "dataDir", "tls", "jobs", "models", "health");
        ConfigTree gateway = root.section("gateway").only("profile", "identity");
        ConfigTree tls = root.section("tls").only("certificate", "key", "centerAuthorities", "centerCertificates");
        Jobs jobs = Jobs.DEFAULT;
        Optional<ConfigTree> jobSection = root.optionalSection("jobs");
        if (jobSection.isPresent()) {
            ConfigTree j = jobSection.get().only("concurrent", "rescanSeconds", "maxAttempts");
            jobs = new Jobs(
                    (int) j.number("concurrent", Jobs.DEFAULT.concurrent(), 1, 64),
                    Duration.ofSeconds(
                            j.number("rescanSeconds", Jobs.DEFAULT.rescan().toSeconds(), 1, 86_400)),
                    (int) j.number("maxAttempts", Jobs.DEFAULT.maxAttempts(), 1, 1_000));
        }
        Optional<Models> models = Optional.empty();
        Optional<ConfigTree> modelSection = root.optionalSection("models");
        if (modelSection.isPresent()) {
            ConfigTree m = modelSection.get().only("listen", "payerAuthorities");
            models = Optional.of(new Models(m.address("listen"), m.files("payerAuthorities")));
        }
        Optional<InetSocketAddress> health = Optional.empty();
        Optional<ConfigTree> healthSection = root.optionalSection("health");
        if (healthSection.isPresent()) {
            health = Optional.of(healthSection.get().only("listen").address("listen"));
        }
        return new ComputeConfig(
                gateway.readableFile("profile"),
                gateway.string("identity"),
                root.path("dataDir"),
                tls.readableFile("certificate"),
                tls.readableFile("key"),
                tls.files("centerAuthorities"),
                tls.files("centerCertificates"),
                jobs,
                models,
                health);
    }
}
