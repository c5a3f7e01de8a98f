package org.fdcfabric.datacenter.service;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.fdcfabric.client.config.ConfigException;
import org.fdcfabric.client.config.ConfigTree;
import org.fdcfabric.datacenter.store.StoreConfig;

/**
 * Everything {@code fdc center serve} needs, from one YAML file (see {@code network-config/center.yaml}): the
 * institution's Gateway identity, its store, its TLS identity and the organisations it trusts, where it listens and
 * the address its UCLs carry, the datasets it serves, optional edge ingest, the health and metrics endpoint, and
 * its limits. Secrets (keystore and database passwords) are read from the environment or a file, never inline.
 *
 * @param datasets governed sensor datasets of the store
 * @param tables imported tables of the store ({@code fdc dataset import-table}); at least one dataset or table
 * @param keystorePassword read once at start-up; the store keeps the keys, not the password
 * @param maskingPeers dataset id to the certificate of the center that offers it (secure aggregation); empty
 *     refuses secure aggregation
 */
public record CenterConfig(
        Path profile,
        String identity,
        StoreConfig store,
        char[] keystorePassword,
        Path tlsCertificate,
        Path tlsKey,
        Map<String, Path> trustedOrganizations,
        InetSocketAddress listen,
        URI advertisedAddress,
        List<ServedDataset> datasets,
        List<ServedTable> tables,
        Map<String, Path> maskingPeers,
        Optional<Edge> edge,
        Optional<InetSocketAddress> health,
        Limits limits) {

    public CenterConfig {
        trustedOrganizations = Map.copyOf(trustedOrganizations);
        datasets = List.copyOf(datasets);
        tables = List.copyOf(tables);
        maskingPeers = Map.copyOf(maskingPeers);
    }

    /** A governed dataset of the store, and how many of its subjects (the last by pseudonym) are held out. */
    public record ServedDataset(String datasetId, int testSubjects) {}

    /**
     * An imported table of the store, and the share of its rows (in percent, chosen by each row's content, see
     * {@link TableSplit}) held out as the test split.
     */
    public record ServedTable(String datasetId, int testPercent) {
        public static final int DEFAULT_TEST_PERCENT = 20;
    }

    /** Edge ingest: devices with certificates from {@code deviceCa} stream readings into the store. */
    public record Edge(InetSocketAddress listen, Path certificate, Path key, Path deviceCa) {}

    /**
     * @param maxMessageBytes the largest Federation message accepted (a global model)
     * @param concurrentCalls how many Federation calls (local training) run at once; more wait their turn
     * @param drain how long SIGTERM waits for in-flight calls before cutting them off
     */
    public record Limits(int maxMessageBytes, int concurrentCalls, Duration drain) {
        public static final Limits DEFAULT = new Limits(256 * 1024 * 1024, 4, Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "CenterConfig[identity=" + identity + ", store=" + store + ", listen=" + listen + ", advertised="
                + advertisedAddress + ", datasets=" + datasets + ", tables=" + tables + "]";
    }

    /** Reads and checks {@code file}; secrets come from {@code environment} or files. */
    public static CenterConfig read(Path file, Map<String, String> environment) throws ConfigException {
        ConfigTree root = ConfigTree.read(file)
                .only(
                        "gateway",
                        "store",
                        "tls",
                        "listen",
                        "advertisedAddress",
                        "datasets",
                        "tables",
                        "secureAggregation",
                        "edge",
                        "health",
                        "limits");
        ConfigTree gateway = root.section("gateway").only("profile", "identity");
        ConfigTree store = root.section("store").only("dataDir", "jdbcUrl", "dbUser", "dbPassword", "keystorePassword");
        Path dataDir = store.path("dataDir");
        StoreConfig storeConfig;
        if (store.has("jdbcUrl")) {
            String url = store.string("jdbcUrl");
            if (!url.startsWith("jdbc:")) {
                throw new ConfigException(
                        "store.jdbcUrl", "config " + file + ": key 'store.jdbcUrl' is not a JDBC URL: " + url);
            }
            String password = store.has("dbPassword") ? new String(store.secret("dbPassword", environment)) : "";
            storeConfig =
                    new StoreConfig(dataDir, url, store.optionalString("dbUser").orElse("sa"), password);
        } else {
            storeConfig = StoreConfig.embedded(dataDir);
        }
        char[] keystorePassword = store.secret("keystorePassword", environment);
        ConfigTree tls = root.section("tls").only("certificate", "key", "trustedOrganizations");
        String advertised = root.string("advertisedAddress");
        URI advertisedAddress = URI.create(advertised);
        if (!"grpcs".equals(advertisedAddress.getScheme())
                || advertisedAddress.getHost() == null
                || advertisedAddress.getPort() < 0) {
            throw new ConfigException(
                    "advertisedAddress",
                    "config " + file + ": key 'advertisedAddress' must be grpcs://host:port, not " + advertised);
        }
        List<ServedDataset> datasets = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        if (root.has("datasets")) {
            for (ConfigTree entry : root.list("datasets")) {
                entry.only("id", "testSubjects");
                String id = unique(entry.string("id"), "datasets", ids, file);
                datasets.add(new ServedDataset(id, (int) entry.number("testSubjects", 1, 1, 1_000)));
            }
        }
        List<ServedTable> tables = new ArrayList<>();
        if (root.has("tables")) {
            for (ConfigTree entry : root.list("tables")) {
                entry.only("id", "testPercent");
                String id = unique(entry.string("id"), "tables", ids, file);
                tables.add(new ServedTable(
                        id, (int) entry.number("testPercent", ServedTable.DEFAULT_TEST_PERCENT, 1, 99)));
            }
        }
        if (datasets.isEmpty() && tables.isEmpty()) {
            throw new ConfigException(
                    "datasets",
                    "config " + file + ": keys 'datasets' and 'tables' name no dataset; a center serves at least one");
        }
        Map<String, Path> peers = Map.of();
        Optional<ConfigTree> secure = root.optionalSection("secureAggregation");
        if (secure.isPresent()) {
            peers = secure.get().only("peers").files("peers");
        }
        Optional<Edge> edge = Optional.empty();
        Optional<ConfigTree> edgeSection = root.optionalSection("edge");
        if (edgeSection.isPresent()) {
            ConfigTree e = edgeSection.get().only("listen", "certificate", "key", "deviceCa");
            edge = Optional.of(new Edge(
                    e.address("listen"),
                    e.readableFile("certificate"),
                    e.readableFile("key"),
                    e.readableFile("deviceCa")));
        }
        Optional<InetSocketAddress> health = Optional.empty();
        Optional<ConfigTree> healthSection = root.optionalSection("health");
        if (healthSection.isPresent()) {
            health = Optional.of(healthSection.get().only("listen").address("listen"));
        }
        Limits limits = Limits.DEFAULT;
        Optional<ConfigTree> limitSection = root.optionalSection("limits");
        if (limitSection.isPresent()) {
            ConfigTree l = limitSection.get().only("maxMessageBytes", "concurrentCalls", "drainSeconds");
            limits = new Limits(
                    (int) l.number("maxMessageBytes", Limits.DEFAULT.maxMessageBytes(), 1024, Integer.MAX_VALUE),
                    (int) l.number("concurrentCalls", Limits.DEFAULT.concurrentCalls(), 1, 1024),
                    Duration.ofSeconds(
                            l.number("drainSeconds", Limits.DEFAULT.drain().toSeconds(), 0, 3600)));
        }
        return new CenterConfig(
                gateway.readableFile("profile"),
                gateway.string("identity"),
                storeConfig,
                keystorePassword,
                tls.readableFile("certificate"),
                tls.readableFile("key"),
                tls.files("trustedOrganizations"),
                root.address("listen"),
                advertisedAddress,
                datasets,
                tables,
                peers,
                edge,
                health,
                limits);
    }

    private static String unique(String id, String key, Set<String> seen, Path file) throws ConfigException {
        if (!seen.add(id)) {
            throw new ConfigException(
                    key, "config " + file + ": key '" + key + "' names dataset " + id + " a second time");
        }
        return id;
    }
}
