package org.fdcfabric.datacenter.federation;

import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.fdcfabric.learning.crypto.TlsMaterial;

/**
 * Serves a {@link FederationService} over mutual TLS: the center presents its organisation certificate, and only
 * clients whose certificate a trusted organisation's CA issued complete the handshake.
 */
public final class FederationServer implements AutoCloseable {
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
        // Tribuo logs several INFO lines per train call; the center's log is for its operator, not for SGD.
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        TlsServerCredentials.Builder credentials =
                TlsServerCredentials.newBuilder().clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        try {
            credentials.keyManager(TlsMaterial.keyManagers(identity.privateKey(), identity.certificate()));
            credentials.trustManager(TlsMaterial.trustManagers(organizations.authorityCertificates()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the center's TLS identity: " + e.getMessage(), e);
        }
        Server server = Grpc.newServerBuilderForPort(port, credentials.build())
                .addService(ServerInterceptors.intercept(
                        service, new CallerInterceptor(organizations, clock), new FederationMetricsInterceptor(meters)))
                .maxInboundMessageSize(256 * 1024 * 1024)
                .build()
                .start();
        return new FederationServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
    }
}
