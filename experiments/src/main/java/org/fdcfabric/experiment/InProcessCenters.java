package org.fdcfabric.experiment;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.fdcfabric.compute.coordinator.CenterDirectory;
import org.fdcfabric.compute.coordinator.CenterEndpoint;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.Caller;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.federation.FederationService;
import org.fdcfabric.datacenter.federation.LocalCallerInterceptor;
import org.fdcfabric.datacenter.federation.PassCheck;
import org.fdcfabric.datacenter.federation.UsageSigner;
import org.fdcfabric.datacenter.masking.MaskingPeers;
import org.fdcfabric.learning.training.LocalTrainer;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.Hashes;

/**
 * Private data centers inside this JVM: one real Federation service per center behind a gRPC server (real
 * channels, real deadlines, real sealing), each with its own P-256 organisation key; every center knows the others'
 * keys, so jobs can use secure aggregation. Calls are attributed to the coordinator this JVM wires
 * ({@link LocalCallerInterceptor}); there is no TLS. The {@link Transport} says whether messages cross a real
 * socket.
 */
public final class InProcessCenters implements CenterDirectory {
    /** How the coordinator reaches the centers. */
    public enum Transport {
        /** gRPC's in-process transport: messages are handed over as objects, never serialized. */
        IN_PROCESS,
        /** Netty over TCP on the loopback interface: every message is marshalled and crosses a socket. */
        LOOPBACK
    }

    private static final int MAX_MESSAGE = 256 * 1024 * 1024;

    private final Transport transport;
    private final Map<String, Server> servers = new TreeMap<>();
    private final Map<String, PublicKey> centerKeys = new TreeMap<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    /**
     * Starts one center per dataset, addressed {@code in-process:<namespace>/<datasetId>}.
     *
     * @param trainers per center: which local trainer it runs for a family (tests slow one down)
     */
    public InProcessCenters(
            String namespace,
            List<CenterDataset> datasets,
            PassCheck passCheck,
            Caller coordinator,
            Function<String, Function<ModelFamily, LocalTrainer>> trainers) {
        this(namespace, datasets, passCheck, coordinator, trainers, Transport.IN_PROCESS);
    }

    /**
     * Starts one center per dataset, addressed {@code in-process:<namespace>/<datasetId>} whatever the transport
     * (over {@link Transport#LOOPBACK} the directory maps that address to the center's port).
     */
    public InProcessCenters(
            String namespace,
            List<CenterDataset> datasets,
            PassCheck passCheck,
            Caller coordinator,
            Function<String, Function<ModelFamily, LocalTrainer>> trainers,
            Transport transport) {
        this.transport = transport;
        SecureRandom random = new SecureRandom();
        Map<String, KeyPair> organisationKeys = new TreeMap<>();
        Map<String, PublicKey> directory = new TreeMap<>();
        for (CenterDataset dataset : datasets) {
            KeyPair keys = p256();
            organisationKeys.put(dataset.datasetId(), keys);
            directory.put(dataset.datasetId(), keys.getPublic());
        }
        MaskingPeers peers = MaskingPeers.of(directory);
        try {
            for (CenterDataset dataset : datasets) {
                KeyPair keys = organisationKeys.get(dataset.datasetId());
                String address = address(namespace, dataset.datasetId());
                FederationService service = new FederationService(
                        dataset.datasetId(),
                        keys,
                        List.of(dataset),
                        passCheck,
                        trainers.apply(dataset.datasetId()),
                        random,
                        // experiments never reach a chain: the center key is named by its public key's hash
                        UsageSigner.of(
                                keys.getPrivate(),
                                Hashes.sha256Hex(keys.getPublic().getEncoded())),
                        peers,
                        Runnable::run); // an in-memory ledger answers at once: nothing to overlap
                ServerBuilder<?> builder = transport == Transport.IN_PROCESS
                        ? InProcessServerBuilder.forName(address)
                        : NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                                .maxInboundMessageSize(MAX_MESSAGE);
                Server server = builder.addService(
                                ServerInterceptors.intercept(service, new LocalCallerInterceptor(coordinator)))
                        .build()
                        .start();
                servers.put(address, server);
                centerKeys.put(address, keys.getPublic());
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start in-process center", e);
        }
    }

    public static String address(String namespace, String datasetId) {
        return "in-process:" + namespace + "/" + datasetId;
    }

    @Override
    public synchronized CenterEndpoint connect(UclAddress ucl) {
        PublicKey key = centerKeys.get(ucl.address());
        if (key == null) {
            throw new IllegalStateException("no in-process center at " + ucl.address());
        }
        ManagedChannel channel = transport == Transport.IN_PROCESS
                ? InProcessChannelBuilder.forName(ucl.address()).build()
                : NettyChannelBuilder.forAddress(
                                InetAddress.getLoopbackAddress().getHostAddress(),
                                servers.get(ucl.address()).getPort())
                        .usePlaintext()
                        .maxInboundMessageSize(MAX_MESSAGE)
                        .build();
        channels.add(channel);
        return new CenterEndpoint(channel, key);
    }

    @Override
    public synchronized void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        channels.clear();
        for (Server server : servers.values()) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is missing from this JVM", e);
        }
    }
}
