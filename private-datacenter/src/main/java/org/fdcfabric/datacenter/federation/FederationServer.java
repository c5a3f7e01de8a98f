package org.fdcfabric.datacenter.federation;

import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.fdcfabric.learning.crypto.TlsMaterial;

/**
 * Serves a {@link FederationService} over mutual TLS: the center presents its organisation certificate, and only
 * clients whose certificate a trusted organisation's CA issued complete the handshake.
 */
public final class FederationServer implements AutoCloseable {
    private static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
    private final Server server;

    private FederationServer(Server server) {
        this.server = server;
    }

    /** Starts on {@code port} (0 picks a free port). */
    public static FederationServer start(
            int port,
            CenterIdentity identity,
            TrustedOrganizations organizations,
            FederationService service,
            Clock clock)
            throws IOException {
        // a composite with no registries is Micrometer's no-op registry
        return start(port, identity, organizations, service, clock, new CompositeMeterRegistry());
    }

    /** As {@link #start(int, CenterIdentity, TrustedOrganizations, FederationService, Clock)}, metered. */
    public static FederationServer start(
            int port,
            CenterIdentity identity,
            TrustedOrganizations organizations,
            FederationService service,
            Clock clock,
            MeterRegistry meters)
            throws IOException {
        return start(
                Grpc.newServerBuilderForPort(port, credentials(identity, organizations)),
                organizations,
                service,
                clock,
                meters,
                DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * As a long-running center serves: bound to {@code address} only, accepting messages up to {@code
     * maxMessageBytes}, with calls run on {@code executor} (its size bounds how many local trainings run at once).
     */
    public static FederationServer start(
            InetSocketAddress address,
            CenterIdentity identity,
            TrustedOrganizations organizations,
            FederationService service,
            Clock clock,
            MeterRegistry meters,
            int maxMessageBytes,
            Executor executor)
            throws IOException {
        InetSocketAddress bind =
                address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        return start(
                NettyServerBuilder.forAddress(bind, credentials(identity, organizations))
                        .executor(executor),
                organizations,
                service,
                clock,
                meters,
                maxMessageBytes);
    }

    private static FederationServer start(
            ServerBuilder<?> builder,
            TrustedOrganizations organizations,
            FederationService service,
            Clock clock,
            MeterRegistry meters,
            int maxMessageBytes)
            throws IOException {
        // Tribuo logs several INFO lines per train call; the center's log is for its operator, not for SGD.
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        Server server = builder.addService(ServerInterceptors.intercept(
                        service, new CallerInterceptor(organizations, clock), new FederationMetricsInterceptor(meters)))
                .maxInboundMessageSize(maxMessageBytes)
                .build()
                .start();
        return new FederationServer(server);
    }

    private static ServerCredentials credentials(CenterIdentity identity, TrustedOrganizations organizations) {
        TlsServerCredentials.Builder credentials =
                TlsServerCredentials.newBuilder().clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        try {
            credentials.keyManager(TlsMaterial.keyManagers(identity.privateKey(), identity.certificate()));
            credentials.trustManager(TlsMaterial.trustManagers(organizations.authorityCertificates()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the center's TLS identity: " + e.getMessage(), e);
        }
        return credentials.build();
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(5));
    }

    /**
     * Stops taking calls, lets the calls in flight finish within {@code drain}, then cuts off the rest.
     *
     * @return whether every call in flight finished in time
     */
    public boolean close(Duration drain) throws InterruptedException {
        server.shutdown();
        if (server.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        return false;
    }
}
