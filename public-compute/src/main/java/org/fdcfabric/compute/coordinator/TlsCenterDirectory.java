package org.fdcfabric.compute.coordinator;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.learning.crypto.TlsMaterial;

/**
 * Connects to centers over mutual TLS with the compute organisation's certificate, trusting the organisations'
 * CAs. Each center's agreement key is its pinned certificate's key, looked up by the dataset owner's MSP id.
 */
public final class TlsCenterDirectory implements CenterDirectory {
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final X509Certificate[] authorities;
    private final Map<String, X509Certificate> centerCertificates;
    private final List<ManagedChannel> channels = new ArrayList<>();

    public TlsCenterDirectory(
            PrivateKey key,
            X509Certificate certificate,
            List<X509Certificate> authorities,
            Map<String, X509Certificate> centerCertificatesByMsp) {
        this.key = key;
        this.certificate = certificate;
        this.authorities = authorities.toArray(X509Certificate[]::new);
        this.centerCertificates = new TreeMap<>(centerCertificatesByMsp);
    }

    @Override
    public synchronized CenterEndpoint connect(UclAddress ucl) {
        X509Certificate center = centerCertificates.get(ucl.ownerMsp());
        if (center == null) {
            throw new IllegalStateException(
                    "no certificate known for " + ucl.ownerMsp() + ", owner of " + ucl.datasetId());
        }
        String[] hostPort = ucl.address().split(":");
        if (hostPort.length != 2 || !hostPort[1].matches("\\d{1,5}")) {
            throw new IllegalArgumentException(
                    "UCL address of " + ucl.datasetId() + " is not host:port: " + ucl.address());
        }
        try {
            TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                    .keyManager(TlsMaterial.keyManagers(key, certificate))
                    .trustManager(TlsMaterial.trustManagers(authorities));
            ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                            hostPort[0], Integer.parseInt(hostPort[1]), credentials.build())
                    .maxInboundMessageSize(256 * 1024 * 1024)
                    .build();
            channels.removeIf(ManagedChannel::isShutdown); // replaced by the coordinator: nothing left to close
            channels.add(channel);
            return new CenterEndpoint(channel, center.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build TLS credentials: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        for (ManagedChannel channel : channels) {
            channel.shutdown();
        }
        for (ManagedChannel channel : channels) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
        channels.clear();
    }
}
