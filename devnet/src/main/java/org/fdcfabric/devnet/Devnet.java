package org.fdcfabric.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fdcfabric.devnet.chaincode.ChaincodeExecutor;
import org.fdcfabric.devnet.chaincode.ChaincodeProcess;
import org.fdcfabric.devnet.chaincode.ChaincodeUnavailableException;
import org.fdcfabric.devnet.chaincode.LoopbackPorts;
import org.fdcfabric.devnet.config.CryptoMaterial;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.devnet.deliver.DeliverService;
import org.fdcfabric.devnet.gateway.GatewayService;
import org.fdcfabric.devnet.ledger.BlockCommitter;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.ledger.DamagePolicy;
import org.fdcfabric.devnet.ledger.GenesisBlocks;
import org.fdcfabric.devnet.ledger.LedgerException;
import org.fdcfabric.devnet.ledger.MvStoreLedger;
import org.fdcfabric.devnet.metrics.DevnetMetrics;
import org.fdcfabric.devnet.msp.ChannelMsps;
import org.fdcfabric.devnet.msp.NodeSigner;
import org.fdcfabric.devnet.msp.OrgMsp;
import org.fdcfabric.devnet.orderer.BatchConfig;
import org.fdcfabric.devnet.orderer.SoloOrderer;
import org.fdcfabric.devnet.peer.Peer;
import org.fdcfabric.devnet.peer.PeerChannelAccess;
import org.fdcfabric.devnet.policy.ChaincodePolicies;
import org.fdcfabric.devnet.policy.ChannelAccessControl;
import org.fdcfabric.devnet.policy.EndorsementPolicy;
import org.fdcfabric.devnet.scc.LedgerQuerier;
import org.fdcfabric.msp.MspMaterial;
import org.fdcfabric.msp.NodeOu;
import org.fdcfabric.msp.Pem;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * A running devnet. {@link #start} creates the crypto material on first use, opens (or recovers) each channel's
 * ledger, starts every chaincode server from its jar and connects each org's peer to it, starts the orderer and
 * serves the Gateway over TLS on {@code 127.0.0.1}; it then writes {@code connection-profile.json} for clients.
 * {@link #close} stops serving, commits what the orderer accepted, and stops everything in reverse order.
 */
public final class Devnet implements AutoCloseable {
    public static final String PROFILE_FILE = "connection-profile.json";
    private static final Logger LOG = Logger.getLogger(Devnet.class.getName());
    /**
     * A chaincode server that uses no CPU this long while starting is stuck; one that is busy gets as long as it
     * needs, since on a loaded machine its start takes minutes rather than seconds.
     */
    private static final Duration CHAINCODE_STALL = Duration.ofSeconds(30);
    /**
     * The server listens by then, and registering is one message each way; this bounds only a hung server, with room
     * for a machine so loaded that a thread waits seconds for a core.
     */
    private static final Duration CHAINCODE_REGISTER = Duration.ofMinutes(2);

    private final Deque<AutoCloseable> resources;
    private final Server server;
    private final CryptoMaterial crypto;
    private final ConnectionProfile profile;
    private final Path profileFile;

    private Devnet(
            Deque<AutoCloseable> resources,
            Server server,
            CryptoMaterial crypto,
            ConnectionProfile profile,
            Path profileFile) {
        this.resources = resources;
        this.server = server;
        this.crypto = crypto;
        this.profile = profile;
        this.profileFile = profileFile;
    }

    /**
     * Starts the devnet with its data (crypto material, ledgers, chaincode logs, connection profile) under
     * {@code dataDirectory}; {@code port} 0 picks a free port.
     */
    public static Devnet start(DevnetConfig config, Path dataDirectory, int port)
            throws IOException, ChaincodeUnavailableException {
        // a composite with no registries is Micrometer's no-op registry
        return start(config, dataDirectory, port, new CompositeMeterRegistry());
    }

    /** As {@link #start(DevnetConfig, Path, int)}, metering the gateway and the commits into {@code meters}. */
    public static Devnet start(DevnetConfig config, Path dataDirectory, int port, MeterRegistry meters)
            throws IOException, ChaincodeUnavailableException {
        return start(config, dataDirectory, port, meters, DamagePolicy.REFUSE);
    }

    /**
     * As {@link #start(DevnetConfig, Path, int, MeterRegistry)}; {@code damage} says what to do with a ledger whose
     * block chain fails verification: refuse to start ({@link LedgerException} naming file, channel and block), or
     * truncate it to its verified prefix.
     */
    public static Devnet start(
            DevnetConfig config, Path dataDirectory, int port, MeterRegistry meters, DamagePolicy damage)
            throws IOException, ChaincodeUnavailableException {
        return start(config, dataDirectory, port, meters, damage, StartProgress.SILENT);
    }

    /** As {@link #start(DevnetConfig, Path, int, MeterRegistry, DamagePolicy)}, reporting each step to {@code progress}. */
    public static Devnet start(
            DevnetConfig config,
            Path dataDirectory,
            int port,
            MeterRegistry meters,
            DamagePolicy damage,
            StartProgress progress)
            throws IOException, ChaincodeUnavailableException {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return start(config, dataDirectory, port, meters, damage, progress, resources);
        } catch (IOException | ChaincodeUnavailableException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static Devnet start(
            DevnetConfig config,
            Path dataDirectory,
            int port,
            MeterRegistry meters,
            DamagePolicy damage,
            StartProgress progress,
            Deque<AutoCloseable> resources)
            throws IOException, ChaincodeUnavailableException {
        Files.createDirectories(dataDirectory);
        progress.step("keys and certificates of " + (config.orgs().size() + 1) + " organisations");
        CryptoMaterial crypto = CryptoMaterial.createOrLoad(config, dataDirectory.resolve("crypto"));

        Map<String, List<OrgMsp>> channelMembers = new LinkedHashMap<>();
        Map<String, List<String>> applicationOrgs = new LinkedHashMap<>();
        for (DevnetConfig.ChannelConfig channel : config.channels()) {
            List<OrgMsp> members = new ArrayList<>();
            for (String mspId : channel.orgs()) {
                members.add(orgMsp(crypto.org(mspId).msp()));
            }
            members.add(orgMsp(crypto.ordererOrg().msp()));
            channelMembers.put(channel.name(), members);
            applicationOrgs.put(channel.name(), channel.orgs());
        }
        ChannelMsps msps = new ChannelMsps(channelMembers);
        ChannelAccessControl acl = new ChannelAccessControl(msps, applicationOrgs);
        Map<ChaincodePolicies.ChaincodeRef, EndorsementPolicy> policyMap = new LinkedHashMap<>();
        for (DevnetConfig.ChannelConfig channel : config.channels()) {
            for (DevnetConfig.ChaincodeConfig chaincode : channel.chaincodes()) {
                policyMap.put(
                        new ChaincodePolicies.ChaincodeRef(channel.name(), chaincode.name()),
                        EndorsementPolicy.parse(chaincode.policy(), channel.orgs()));
            }
        }
        ChaincodePolicies policies = new ChaincodePolicies(msps, policyMap);

        Map<String, Set<String>> chaincodeNames = new LinkedHashMap<>();
        config.channels()
                .forEach(channel -> chaincodeNames.put(
                        channel.name(),
                        Set.copyOf(channel.chaincodes().stream()
                                .map(DevnetConfig.ChaincodeConfig::name)
                                .toList())));
        DevnetMetrics metrics = new DevnetMetrics(meters, chaincodeNames);
        Map<String, ChannelLedger> ledgers = new LinkedHashMap<>();
        List<BlockCommitter> committers = new ArrayList<>();
        for (DevnetConfig.ChannelConfig channel : config.channels()) {
            Map<String, MSPConfig> genesisOrgs = new LinkedHashMap<>();
            channel.orgs()
                    .forEach(mspId ->
                            genesisOrgs.put(mspId, mspConfig(crypto.org(mspId).msp())));
            progress.step("ledger of channel " + channel.name());
            MvStoreLedger ledger = MvStoreLedger.open(
                    ledgerDirectory(dataDirectory, channel.name()),
                    channel.name(),
                    () -> GenesisBlocks.genesis(channel.name(), genesisOrgs, Instant.now()),
                    true,
                    damage);
            resources.push(ledger);
            resources.push(metrics.watch(ledger));
            BlockCommitter committer = new BlockCommitter(ledger, msps, policies, 2);
            resources.push(committer);
            committers.add(committer);
            ledgers.put(channel.name(), ledger);
        }

        progress.step("orderer");
        CryptoMaterial.Org ordererOrg = crypto.ordererOrg();
        SoloOrderer orderer = new SoloOrderer(
                dataDirectory.resolve("orderer"),
                committers,
                new BatchConfig(
                        config.batch().maxMessageCount(),
                        10 * 1024 * 1024,
                        2 * 1024 * 1024,
                        Duration.ofMillis(config.batch().timeoutMillis())),
                ordererOrg.node()::sign,
                ByteString.copyFrom(ordererOrg.node().serialize()),
                msps,
                acl::isWriter,
                Clock.systemUTC());
        resources.push(orderer);

        List<ChaincodeExecutor.Endpoint> endpoints = new ArrayList<>();
        Map<String, String> versions = new LinkedHashMap<>();
        Path logs = dataDirectory.resolve("logs");
        List<ChaincodeProcess> processes = new ArrayList<>();
        for (DevnetConfig.ChannelConfig channel : config.channels()) {
            for (DevnetConfig.ChaincodeConfig chaincode : channel.chaincodes()) {
                progress.step("chaincode server " + chaincode.name() + " (channel " + channel.name() + ")");
                ChaincodeProcess process = ChaincodeProcess.start(
                        config.jar(chaincode),
                        chaincode.name() + ":" + chaincode.version(),
                        logs.resolve(channel.name() + "-" + chaincode.name() + ".log"),
                        // the organisations of the channel, the only token accounts that exist
                        Map.of("FDC_CHANNEL_MSPS", String.join(",", channel.orgs())));
                resources.push(process);
                processes.add(process);
                endpoints.add(
                        new ChaincodeExecutor.Endpoint(channel.name(), chaincode.name(), "127.0.0.1", process.port()));
                versions.put(chaincode.name(), chaincode.version());
            }
        }
        progress.step("waiting for " + processes.size() + " chaincode servers to listen");
        for (ChaincodeProcess process : processes) {
            process.awaitListening(CHAINCODE_STALL);
        }

        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("devnet-gateway"));
        resources.push(() -> {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        });
        int boundPort = port == 0 ? LoopbackPorts.free() : port;
        List<Peer> peers = new ArrayList<>();
        for (DevnetConfig.OrgConfig orgConfig : gatewayOrgFirst(config)) {
            CryptoMaterial.Org org = crypto.org(orgConfig.mspId());
            Map<String, ChannelLedger> peerLedgers = new LinkedHashMap<>();
            List<ChaincodeExecutor.Endpoint> peerEndpoints = new ArrayList<>();
            for (DevnetConfig.ChannelConfig channel : config.channels()) {
                if (channel.orgs().contains(org.mspId())) {
                    peerLedgers.put(channel.name(), ledgers.get(channel.name()));
                    endpoints.stream()
                            .filter(endpoint -> endpoint.channelId().equals(channel.name()))
                            .forEach(peerEndpoints::add);
                }
            }
            progress.step("peer of " + org.mspId() + " registering with its chaincodes");
            ChaincodeExecutor chaincodes =
                    new ChaincodeExecutor(peerEndpoints, new PeerChannelAccess(peerLedgers, acl));
            resources.push(chaincodes);
            chaincodes.connectAll(CHAINCODE_REGISTER);
            NodeSigner signer = msps.signerFor(org.node());
            peers.add(new Peer(
                    signer,
                    org.node().name() + ":" + boundPort,
                    peerLedgers,
                    acl,
                    chaincodes,
                    versions,
                    new LedgerQuerier(peerLedgers, acl)));
        }

        GatewayService gateway = new GatewayService(
                peers,
                ledgers,
                policies,
                acl,
                msps,
                orderer,
                ordererOrg.node().name() + ":" + boundPort,
                ordererOrg.mspId(),
                executor);
        CryptoMaterial.Org gatewayOrg = crypto.org(config.gatewayOrg());
        Path tlsDir = dataDirectory
                .resolve("crypto")
                .resolve(gatewayOrg.name())
                .resolve("peers")
                .resolve(gatewayOrg.node().name())
                .resolve("tls");
        progress.step("gateway on 127.0.0.1:" + boundPort);
        Server server = NettyServerBuilder.forAddress(
                        new InetSocketAddress("127.0.0.1", boundPort),
                        TlsServerCredentials.create(
                                tlsDir.resolve("server.crt").toFile(),
                                tlsDir.resolve("server.key").toFile()))
                .addService(metrics.gateway(gateway))
                .addService(new DeliverService(ledgers, acl, executor, Clock.systemUTC()))
                .maxInboundMessageSize(100 * 1024 * 1024)
                .executor(executor)
                .build()
                .start();
        resources.push(() -> {
            server.shutdown();
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
            gateway.close();
        });

        ConnectionProfile profile = profile(config, crypto, dataDirectory, server.getPort());
        Path profileFile = dataDirectory.resolve(PROFILE_FILE);
        writeProfile(profile, profileFile);
        return new Devnet(resources, server, crypto, profile, profileFile);
    }

    /** Where the ledger of {@code channel} lives under a devnet's data directory. */
    public static Path ledgerDirectory(Path dataDirectory, String channel) {
        return dataDirectory.resolve("ledgers").resolve(channel);
    }

    public int port() {
        return server.getPort();
    }

    public CryptoMaterial crypto() {
        return crypto;
    }

    public ConnectionProfile profile() {
        return profile;
    }

    public Path profileFile() {
        return profileFile;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.log(Level.WARNING, "devnet shutdown step failed", e);
            }
        }
    }

    private static List<DevnetConfig.OrgConfig> gatewayOrgFirst(DevnetConfig config) {
        List<DevnetConfig.OrgConfig> ordered = new ArrayList<>();
        config.org(config.gatewayOrg()).ifPresent(ordered::add);
        config.orgs().stream()
                .filter(org -> !org.mspId().equals(config.gatewayOrg()))
                .forEach(ordered::add);
        return ordered;
    }

    private static OrgMsp orgMsp(MspMaterial msp) {
        return new OrgMsp(msp.mspId(), msp.caCertificates(), msp.nodeOusEnabled());
    }

    /** The org's MSP as a channel's config block carries it ({@code FabricMSPConfig} with NodeOUs). */
    private static MSPConfig mspConfig(MspMaterial msp) {
        ByteString root =
                ByteString.copyFromUtf8(Pem.certificate(msp.caCertificates().get(0)));
        FabricNodeOUs.Builder nodeOus = FabricNodeOUs.newBuilder().setEnable(msp.nodeOusEnabled());
        nodeOus.setClientOuIdentifier(ou(root, NodeOu.CLIENT))
                .setPeerOuIdentifier(ou(root, NodeOu.PEER))
                .setAdminOuIdentifier(ou(root, NodeOu.ADMIN))
                .setOrdererOuIdentifier(ou(root, NodeOu.ORDERER));
        FabricMSPConfig.Builder config = FabricMSPConfig.newBuilder()
                .setName(msp.mspId())
                .setCryptoConfig(FabricCryptoConfig.newBuilder()
                        .setSignatureHashFamily("SHA2")
                        .setIdentityIdentifierHashFunction("SHA256"))
                .setFabricNodeOus(nodeOus);
        msp.caCertificates().forEach(c -> config.addRootCerts(ByteString.copyFromUtf8(Pem.certificate(c))));
        msp.tlsCaCertificates().forEach(c -> config.addTlsRootCerts(ByteString.copyFromUtf8(Pem.certificate(c))));
        return MSPConfig.newBuilder()
                .setType(0)
                .setConfig(config.build().toByteString())
                .build();
    }

    private static FabricOUIdentifier ou(ByteString certificate, NodeOu ou) {
        return FabricOUIdentifier.newBuilder()
                .setCertificate(certificate)
                .setOrganizationalUnitIdentifier(ou.identifier())
                .build();
    }

    private static ConnectionProfile profile(DevnetConfig config, CryptoMaterial crypto, Path base, int port) {
        Map<String, ConnectionProfile.ProfileIdentity> identities = new LinkedHashMap<>();
        for (CryptoMaterial.Org org : crypto.orgs()) {
            for (CryptoMaterial.User user : org.users().values()) {
                identities.put(
                        user.name(),
                        new ConnectionProfile.ProfileIdentity(
                                org.mspId(),
                                relative(base, user.certificateFile()),
                                relative(base, user.keyFile()),
                                user.role()));
            }
        }
        CryptoMaterial.Org gatewayOrg = crypto.org(config.gatewayOrg());
        return new ConnectionProfile(
                config.name(),
                new ConnectionProfile.GatewayEndpoint(
                        "localhost:" + port, relative(base, gatewayOrg.tlsCaCertificateFile()), ""),
                channelNames(config),
                identities);
    }

    private static ConnectionProfile.ChannelNames channelNames(DevnetConfig config) {
        ConnectionProfile.ChannelNames defaults = ConnectionProfile.ChannelNames.defaults();
        String registrationChaincode = chaincodeOf(config, defaults.registration(), defaults.registrationChaincode());
        String collaborationChaincode =
                chaincodeOf(config, defaults.collaboration(), defaults.collaborationChaincode());
        return new ConnectionProfile.ChannelNames(
                defaults.registration(), registrationChaincode, defaults.collaboration(), collaborationChaincode);
    }

    private static String chaincodeOf(DevnetConfig config, String channel, String fallback) {
        return config.channels().stream()
                .filter(c -> c.name().equals(channel) && !c.chaincodes().isEmpty())
                .map(c -> c.chaincodes().get(0).name())
                .findFirst()
                .orElse(fallback);
    }

    private static String relative(Path base, Path file) {
        return base.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
    }

    private static void writeProfile(ConnectionProfile profile, Path file) throws IOException {
        Path staging = file.resolveSibling(file.getFileName() + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(staging.toFile(), profile);
        Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
